/** Unit and integration tests (emulator over real HTTP, dynamic-provider host over gRPC). */
module.exports = {
  preset: "ts-jest",
  testEnvironment: "node",
  roots: ["<rootDir>/tests"],
  testPathIgnorePatterns: ["/node_modules/", "<rootDir>/tests/e2e/"],
  moduleNameMapper: {
    "^pulumi-kore-campaigns$": "<rootDir>/provider/index.ts",
    "^pulumi-kore-campaigns/emulator$": "<rootDir>/emulator/index.ts",
  },
  transform: { "^.+\\.ts$": ["ts-jest", { tsconfig: "tsconfig.json", diagnostics: { warnOnly: false } }] },
  testTimeout: 30000,
};
