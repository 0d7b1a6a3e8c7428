// Prometheus's HTTP API, as the rollout reads it: instant queries at a given time
// (https://prometheus.io/docs/prometheus/latest/querying/api/#instant-queries). Every way it can
// fail becomes a PrometheusError that says what happened, so the ramp holds and says why.

export class PrometheusError extends Error {}

export interface Sample {
    labels: Record<string, string>;
    value: number;
}

interface QueryResponse {
    status?: string;
    errorType?: string;
    error?: string;
    data?: { resultType?: string; result?: { metric?: Record<string, string>; value?: [number, string] }[] };
}

/** `base` as messages show it: without a user name or password it may carry. */
export function shownUrl(base: string): string {
    const url = new URL(base);
    url.username = "";
    url.password = "";
    return url.toString().replace(/\/$/, "");
}

/** The vector `query` evaluates to at `at`, from the Prometheus at `base`. */
export async function instantQuery(base: string, query: string, at: Date, timeoutMs = 10_000): Promise<Sample[]> {
    const url = new URL("api/v1/query", base.endsWith("/") ? base : `${base}/`);
    const shown = shownUrl(base);
    // fetch refuses a URL with credentials: a user name and password in it become basic auth (a hosted Prometheus).
    const headers: Record<string, string> = {};
    if (url.username || url.password) {
        const credentials = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
        headers.authorization = `Basic ${Buffer.from(credentials).toString("base64")}`;
        [url.username, url.password] = ["", ""];
    }
    url.searchParams.set("query", query);
    url.searchParams.set("time", String(at.getTime() / 1000));
    let response: Response;
    try {
        response = await fetch(url, { headers, signal: AbortSignal.timeout(timeoutMs) });
    } catch (error) {
        const { cause } = error as { cause?: { code?: string; message?: string } };
        const reason = cause?.code ?? cause?.message ?? (error as Error).message;
        throw new PrometheusError(`Prometheus at ${shown} cannot be reached (${reason})`);
    }
    let body: QueryResponse;
    try {
        body = (await response.json()) as QueryResponse;
    } catch {
        throw new PrometheusError(`Prometheus at ${shown} answered ${response.status} with something that is not its API's JSON`);
    }
    if (body.status !== "success")
        throw new PrometheusError(
            `Prometheus refused the query ${query}: ${body.errorType ?? response.status}: ${body.error ?? "no reason given"}`,
        );
    if (body.data?.resultType !== "vector") throw new PrometheusError(`the query ${query} gave a ${body.data?.resultType}, not a vector`);
    return (body.data.result ?? []).map(({ metric = {}, value = [0, "NaN"] }) => ({ labels: metric, value: Number(value[1]) }));
}
