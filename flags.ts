// The catalog: every feature flag our AI products evaluate, the targets and target groups they
// serve, and the percentage experiments they run on Harness FME with the segments those target.
// Edit it in a pull request; `npm run plan -- --diff origin/main` shows what the change does, and
// `npm test` checks it. docs/catalog.md says what each field means; your editor completes and
// checks every field from its schema (catalog/schema.ts). After a change, `npm run generate`.
import type { CatalogInput } from "./catalog/types";

export const catalog: CatalogInput = {
    // Everyone targeting names individually: Harness needs a target to exist before a rule or a
    // group names it, so the stack creates each where it is used.
    targets: [
        { identifier: "user_ana_ml", name: "Ana (ML platform)", attributes: { team: "ml-platform" } },
        { identifier: "user_ben_eval", name: "Ben (model evaluation)", attributes: { team: "evaluation" } },
        { identifier: "user_chen_qa", name: "Chen (QA)", attributes: { team: "qa" } },
    ],

    targetGroups: [
        {
            identifier: "internal_testers",
            name: "Internal testers",
            included: ["user_ana_ml", "user_ben_eval", "user_chen_qa"],
            excluded: [],
        },
        {
            identifier: "enterprise_accounts",
            name: "Enterprise accounts",
            environments: ["prod"],
            rules: [{ attribute: "plan", op: "in", values: ["enterprise", "enterprise_plus"] }],
        },
    ],

    flags: [
        {
            identifier: "ai_experiment_flag",
            name: "AI Experiment",
            description: "Turns the AI experiment on for the users it targets.",
            owner: "ml-platform@example.com",
            tags: ["experiment"],
            kind: "boolean",
            expiresOn: "2027-03-31",
            variations: [
                { identifier: "on", name: "On", description: "The AI experiment is served.", value: true },
                { identifier: "off", name: "Off", description: "The current, non-AI behaviour is served.", value: false },
            ],
            defaultOn: "on",
            defaultOff: "off",
            environments: {
                dev: { state: "on" },
                // On for internal testers only: a flag that is off ignores its targeting.
                prod: { state: "on", defaultOn: "off", targetGroups: { on: ["internal_testers"] } },
            },
        },
        {
            identifier: "llm_assistant_enabled",
            name: "LLM assistant (kill switch)",
            description: "Serves the LLM assistant. Turn it off to take the assistant out of every product at once.",
            owner: "ai-safety@example.com",
            tags: ["llm", "kill_switch"],
            kind: "boolean",
            permanent: true,
            variations: [
                { identifier: "enabled", name: "Enabled", description: "The assistant answers.", value: true },
                { identifier: "disabled", name: "Disabled", description: "The assistant is hidden; users see the classic help.", value: false },
            ],
            defaultOn: "enabled",
            defaultOff: "disabled",
            environments: {
                dev: { state: "on" },
                prod: { state: "on" },
            },
        },
        {
            identifier: "chat_model",
            name: "Chat model",
            description: "Which model configuration answers chat requests.",
            owner: "ml-platform@example.com",
            tags: ["llm", "model_selection"],
            kind: "json",
            permanent: true,
            variations: [
                {
                    identifier: "gpt_4o_mini",
                    name: "GPT-4o mini",
                    description: "The current production model.",
                    value: { model: "gpt-4o-mini", temperature: 0.2, maxTokens: 1024, systemPromptVersion: "v3" },
                },
                {
                    identifier: "claude_sonnet",
                    name: "Claude Sonnet",
                    description: "Candidate model under evaluation.",
                    value: { model: "claude-sonnet", temperature: 0.3, maxTokens: 2048, systemPromptVersion: "v4" },
                },
                {
                    identifier: "llama_70b_self_hosted",
                    name: "Llama 70B (self-hosted)",
                    description: "Fallback when external providers are unavailable.",
                    value: { model: "llama-3.1-70b-instruct", temperature: 0.2, maxTokens: 1024, systemPromptVersion: "v3" },
                },
            ],
            defaultOn: "gpt_4o_mini",
            defaultOff: "gpt_4o_mini",
            environments: {
                dev: { state: "on", defaultOn: "claude_sonnet" },
                prod: { state: "on", targetGroups: { claude_sonnet: ["internal_testers"] } },
            },
        },
        {
            identifier: "summary_prompt_version",
            name: "Summary prompt version",
            description: "Which system prompt the summariser uses.",
            owner: "team-summaries",
            tags: ["prompt"],
            kind: "string",
            expiresOn: "2027-01-31",
            variations: [
                { identifier: "v3", name: "v3", description: "Current prompt.", value: "summary-v3" },
                { identifier: "v4_concise", name: "v4 concise", description: "Shorter summaries with citations.", value: "summary-v4-concise" },
            ],
            defaultOn: "v3",
            defaultOff: "v3",
            environments: {
                dev: { state: "on", defaultOn: "v4_concise" },
                prod: { state: "on", targets: { v4_concise: ["user_ben_eval"] } },
            },
        },
        {
            identifier: "rag_retrieval",
            name: "Retrieval-augmented answers",
            description: "Grounds answers in the document index (RAG) before calling the model.",
            owner: "team-search",
            tags: ["rag"],
            kind: "boolean",
            expiresOn: "2027-02-28",
            variations: [
                { identifier: "enabled", name: "Enabled", description: "Retrieve and cite documents.", value: true },
                { identifier: "disabled", name: "Disabled", description: "Answer from the model alone.", value: false },
            ],
            defaultOn: "enabled",
            defaultOff: "disabled",
            environments: {
                dev: { state: "on" },
                prod: { state: "on", defaultOn: "disabled", targetGroups: { enabled: ["internal_testers"] } },
            },
        },
        {
            identifier: "max_output_tokens",
            name: "Max output tokens",
            description: "The token budget for one model response.",
            owner: "ml-platform@example.com",
            tags: ["llm", "cost"],
            kind: "int",
            permanent: true,
            variations: [
                { identifier: "small", name: "512", description: "Tight budget.", value: 512 },
                { identifier: "standard", name: "1024", description: "Default budget.", value: 1024 },
                { identifier: "large", name: "2048", description: "Long-form answers.", value: 2048 },
            ],
            defaultOn: "standard",
            defaultOff: "small",
            environments: {
                dev: { state: "on", defaultOn: "large" },
                prod: { state: "on" },
            },
        },
        {
            identifier: "agent_tool_use",
            name: "Agent tool use",
            description: "Lets the agent call external tools. On-call toggles it in Harness during incidents.",
            owner: "ai-oncall",
            tags: ["llm", "agents"],
            kind: "boolean",
            permanent: true,
            // Live state belongs to on-call in the Harness UI; the states below only seed a new flag.
            targeting: "harness",
            variations: [
                { identifier: "allowed", name: "Allowed", description: "Tools may be called.", value: true },
                { identifier: "blocked", name: "Blocked", description: "The agent answers without tools.", value: false },
            ],
            defaultOn: "allowed",
            defaultOff: "blocked",
            environments: {
                dev: { state: "on" },
                prod: { state: "off" },
            },
        },
    ],

    // FME segments, for experiment rules: the internal testers are the same people in both systems.
    segments: [
        {
            name: "internal_testers",
            description: "The internal testers target group's members, as FME keys.",
            trafficType: "user",
            from: "internal_testers",
        },
    ],

    experiments: [
        {
            name: "chat-model-ab",
            description: "Claude Sonnet (candidate) against GPT-4o mini (baseline) for chat answers.",
            owner: "ml-platform@example.com",
            tags: ["llm", "model-ab"],
            trafficType: "user",
            treatments: [
                {
                    name: "baseline",
                    description: "GPT-4o mini with the v3 system prompt: production today.",
                    configuration: { model: "gpt-4o-mini", temperature: 0.2, maxTokens: 1024, systemPromptVersion: "v3" },
                },
                {
                    name: "candidate",
                    description: "Claude Sonnet with the v4 system prompt.",
                    configuration: { model: "claude-sonnet", temperature: 0.3, maxTokens: 2048, systemPromptVersion: "v4" },
                },
            ],
            baseline: "baseline",
            defaultTreatment: "baseline",
            environments: {
                dev: { split: { candidate: 50 } },
                prod: {
                    trafficAllocation: 100,
                    // A guarded ramp: 5% → 25% → 50% → 100%, a day at least at each stage, moved by
                    // npm run rollout (a pull request per move) while every guard holds, and rolled
                    // back to 0% when one regresses. Its stage is in rollouts/dev.json (the first
                    // stage until npm run rollout writes it). docs/rollouts.md.
                    ramp: {
                        treatment: "candidate",
                        stages: [5, 25, 50, 100],
                        hold: "1d",
                        minSample: 1000,
                        guard: [
                            {
                                name: "error rate",
                                kind: "ratio",
                                events: 'llm_requests_total{experiment="chat-model-ab",outcome="error"}',
                                total: 'llm_requests_total{experiment="chat-model-ab"}',
                                maxIncrease: 0.25,
                                // A ceiling too, whatever the baseline does, checked at 100% as well.
                                max: 0.2,
                            },
                            {
                                name: "p95 latency under 4 s (share over 4 s)",
                                kind: "above",
                                histogram: 'llm_request_duration_seconds{experiment="chat-model-ab"}',
                                bound: 4,
                                maxIncrease: 0.25,
                            },
                            {
                                name: "cost per 1,000 requests",
                                kind: "mean",
                                histogram: 'llm_request_cost_dollars{experiment="chat-model-ab"}',
                                per: 1000,
                                // The candidate is a larger model: up to 3x the baseline's cost is expected.
                                maxIncrease: 2,
                            },
                            {
                                name: "thumbs-down share",
                                kind: "ratio",
                                events: 'llm_feedback_total{experiment="chat-model-ab",rating="down"}',
                                total: 'llm_feedback_total{experiment="chat-model-ab"}',
                                maxIncrease: 0.2,
                            },
                        ],
                    },
                    rules: [
                        { when: [{ inSegment: "internal_testers" }], split: { candidate: 100 } },
                        { when: [{ attribute: "plan", in: ["enterprise", "enterprise_plus"] }], split: { baseline: 100 } },
                    ],
                },
            },
        },
    ],
};
