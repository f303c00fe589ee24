/** The voice campaign's view of what state holds (shared/campaign-run/state.ts, typed with the voice definition). */
import { definitionOf as definitionIn, inputsFromOutputs } from "../../shared/campaign-run/state";
import type { CampaignDefinition } from "./schema";

export const definitionOf = (props: object): CampaignDefinition => definitionIn<CampaignDefinition>(props);
export { inputsFromOutputs };
