// A read-only client for the Harness Feature Flags Admin API, as `npm run adopt` needs it: every
// page of a list, at most 1000 requests a minute per key (Harness's rate limit), a 429 retried after
// its Retry-After, and every failure one sentence that says what to do. Paths, query parameters and
// response models are those of the Harness Go SDK's `nextgen` client (api_feature_flags.go
// GetAllFeatures, api_targets.go GetAllTargets, api_target_groups.go GetAllSegments).
import { EXIT, UserFacingError } from "../lib/errors";
import type { ApiFeature, ApiSegment, ApiTarget, HarnessProject } from "./fromHarness";

/** The provider's default base URL (harness-go-sdk harness/utils/const.go `BaseUrl`), which harness:endpoint or HARNESS_ENDPOINT overrides. */
export const DEFAULT_ENDPOINT = "https://app.harness.io/gateway";
/** Harness allows 1000 API requests a minute per key: one request every 60 ms never exceeds it. */
export const MIN_REQUEST_INTERVAL_MS = 60;
const PAGE_SIZE = 50;
const MAX_RETRIES_AFTER_429 = 5;
const MAX_RETRY_AFTER_SECONDS = 120;

export interface ApiScope {
    baseUrl: string;
    apiKey: string;
    accountId: string;
    orgId: string;
    projectId: string;
}

/** What each list reads and which permission a 403 on it is missing. */
export const LISTS = {
    features: { path: "/cf/admin/features", items: "features", what: "feature flags", permission: "Feature Flags: View" },
    targets: { path: "/cf/admin/targets", items: "targets", what: "targets", permission: "Target Management: View" },
    segments: { path: "/cf/admin/segments", items: "segments", what: "target groups", permission: "Target Management: View" },
} as const;
export type ListName = keyof typeof LISTS;

export interface ClientOptions {
    /** Milliseconds between two requests (default MIN_REQUEST_INTERVAL_MS). */
    minIntervalMs?: number;
    /** Waits, for the rate limit and Retry-After (default: a timer). */
    wait?: (ms: number) => Promise<void>;
}

const timer = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Seconds to wait from a Retry-After header: delta-seconds or an HTTP date; 1 when absent or unreadable. */
export function retryAfterSeconds(header: string | null, now = Date.now()): number {
    if (header === null) return 1;
    const seconds = Number(header);
    if (Number.isFinite(seconds) && seconds >= 0) return seconds;
    const date = Date.parse(header);
    return Number.isNaN(date) ? 1 : Math.max(0, (date - now) / 1000);
}

export class HarnessApi {
    private nextRequestAt = 0;
    readonly requests: { url: string; status: number }[] = [];

    constructor(
        private readonly scope: ApiScope,
        private readonly options: ClientOptions = {},
    ) {}

    /** Every item of a list in one environment, page by page; any page that fails fails the whole read. */
    async listAll(list: ListName, environment: string): Promise<Record<string, unknown>[]> {
        const { items, what } = LISTS[list];
        const all: Record<string, unknown>[] = [];
        for (let page = 0; ; page++) {
            const body = await this.get(list, environment, page);
            const pageItems = body[items] ?? [];
            const pageCount = body.pageCount;
            if (!Array.isArray(pageItems) || typeof pageCount !== "number")
                throw new UserFacingError(
                    `adopt: Harness answered the ${what} of environment '${environment}' (page ${page + 1}) without ${items} and pageCount: is HARNESS_ENDPOINT (${this.scope.baseUrl}) the Harness API gateway? Nothing was written.`,
                    EXIT.cannotRun,
                );
            all.push(...(pageItems as Record<string, unknown>[]));
            if (page + 1 >= pageCount || pageItems.length === 0) return all;
        }
    }

    private async get(list: ListName, environment: string, page: number): Promise<Record<string, unknown>> {
        const { path, what, permission } = LISTS[list];
        const { baseUrl, apiKey, accountId, orgId, projectId } = this.scope;
        const query = new URLSearchParams({
            accountIdentifier: accountId,
            orgIdentifier: orgId,
            projectIdentifier: projectId,
            environmentIdentifier: environment,
            pageNumber: String(page),
            pageSize: String(PAGE_SIZE),
        });
        const url = `${baseUrl.replace(/\/+$/, "")}${path}?${query}`;
        const where = `the ${what} of environment '${environment}' in project '${orgId}/${projectId}'${page ? ` (page ${page + 1})` : ""}`;
        for (let attempt = 0; ; attempt++) {
            await this.paced();
            let response: Response;
            try {
                response = await fetch(url, { headers: { "x-api-key": apiKey, accept: "application/json" } });
            } catch (error) {
                const cause = (error as { cause?: { code?: string; message?: string } }).cause;
                throw new UserFacingError(
                    `adopt: could not reach Harness at ${baseUrl} to read ${where} (${cause?.code ?? cause?.message ?? (error as Error).message}): check the network and HARNESS_ENDPOINT. Nothing was written.`,
                    EXIT.cannotRun,
                );
            }
            this.requests.push({ url, status: response.status });
            const text = await response.text();
            if (response.status === 429 && attempt < MAX_RETRIES_AFTER_429) {
                await this.wait(Math.min(retryAfterSeconds(response.headers.get("retry-after")), MAX_RETRY_AFTER_SECONDS) * 1000);
                continue;
            }
            if (!response.ok) throw new UserFacingError(failure(response.status, where, permission, text, this.scope), EXIT.cannotRun);
            try {
                return JSON.parse(text) as Record<string, unknown>;
            } catch {
                throw new UserFacingError(
                    `adopt: Harness answered ${where} with text that is not JSON (${text.length} bytes, starting ${JSON.stringify(text.slice(0, 40))}): is HARNESS_ENDPOINT (${baseUrl}) the Harness API gateway? Nothing was written.`,
                    EXIT.cannotRun,
                );
            }
        }
    }

    /** Waits until the next request keeps to the rate limit. */
    private async paced(): Promise<void> {
        const interval = this.options.minIntervalMs ?? MIN_REQUEST_INTERVAL_MS;
        const now = Date.now();
        if (this.nextRequestAt > now) await this.wait(this.nextRequestAt - now);
        this.nextRequestAt = Math.max(now, this.nextRequestAt) + interval;
    }

    private wait(ms: number): Promise<void> {
        return (this.options.wait ?? timer)(ms);
    }
}

/** The message Harness put in an error body ({"message": …}), if any. */
function harnessMessage(text: string): string {
    try {
        const message = (JSON.parse(text) as { message?: unknown }).message;
        return typeof message === "string" && message ? `: "${message.slice(0, 200)}"` : "";
    } catch {
        return "";
    }
}

function failure(status: number, where: string, permission: string, text: string, scope: ApiScope): string {
    const said = harnessMessage(text);
    const nothing = "Nothing was written.";
    switch (status) {
        case 401:
            return `adopt: Harness refused the API key (401${said}) reading ${where}: HARNESS_PLATFORM_API_KEY is wrong, expired or revoked. Create a key (Harness: your profile or a service account → API Keys → Token) and export HARNESS_PLATFORM_API_KEY. ${nothing}`;
        case 403:
            return `adopt: the API key may not read ${where} (403${said}): give its user or service account a role with the permission '${permission}' in that project. ${nothing}`;
        case 404:
            return `adopt: Harness found nothing reading ${where} (404${said}): check orgId and projectId in the stack file and harness:accountId (${scope.accountId}), or the environment's id. ${nothing}`;
        case 429:
            return `adopt: Harness kept refusing ${where} for its rate limit (429) after ${MAX_RETRIES_AFTER_429} retries: another client shares the key's limit of 1000 requests a minute; run adopt again later. ${nothing}`;
        default:
            return `adopt: Harness failed reading ${where} (HTTP ${status}${said}): run adopt again; if it persists, check Harness's status page. ${nothing}`;
    }
}

/** Every flag (with its state there), target and target group of each environment, read in full before anything is written. */
export async function readHarnessProject(api: HarnessApi, scope: Pick<ApiScope, "orgId" | "projectId">, environments: readonly string[]) {
    const project: HarnessProject = { orgId: scope.orgId, projectId: scope.projectId, environments: {} };
    for (const env of environments) {
        project.environments[env] = {
            features: (await api.listAll("features", env)) as unknown as ApiFeature[],
            targets: (await api.listAll("targets", env)) as unknown as ApiTarget[],
            segments: (await api.listAll("segments", env)) as unknown as ApiSegment[],
        };
    }
    return project;
}
