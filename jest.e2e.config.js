/** End-to-end tests: the real Pulumi CLI (scripts/pulumi-cli.sh) against the emulator. Run after `npm run build`. */
const base = require("./jest.config.js");

module.exports = {
  ...base,
  testPathIgnorePatterns: ["/node_modules/"],
  roots: ["<rootDir>/tests/e2e"],
  testMatch: ["**/*.e2e.test.ts"],
  testTimeout: 300000,
  maxWorkers: 1,
};
