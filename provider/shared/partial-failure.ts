/**
 * A resource that exists on the server but could not be brought to its desired state. The adapter
 * hands it to the engine with the id and these outputs, so the resource stays in state: nothing is
 * left on the server outside it.
 */
export class PartialFailure<Outputs extends object = Record<string, unknown>> extends Error {
  constructor(
    message: string,
    readonly id: string,
    readonly outputs: Outputs,
  ) {
    super(message);
    this.name = "PartialFailure";
  }
}
