// The flags this stack declares. Edit here in a pull request; `npm run plan` shows the result.
import type * as harness from "@pulumi/harness";

type FlagSpec = Omit<harness.platform.FeatureFlagArgs, "orgId" | "projectId">;

export const aiExperimentFlag: FlagSpec = {
    identifier: "ai_experiment_flag",
    name: "AI Experiment",
    description: "Turns the AI experiment on for the users it targets.",
    kind: "boolean",
    permanent: false,
    variations: [
        { identifier: "on", name: "On", description: "The AI experiment is served.", value: "true" },
        { identifier: "off", name: "Off", description: "The current, non-AI behaviour is served.", value: "false" },
    ],
    defaultOnVariation: "on",
    defaultOffVariation: "off",
};
