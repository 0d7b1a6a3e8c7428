// A stand-in for the Harness Feature Flags Admin API on 127.0.0.1: it serves a project's flags,
// targets and target groups per environment in the API's response models (Features, Targets,
// Segments: items plus pageIndex, pageCount, pageSize, itemCount), a few items a page, and can
// answer like Harness does when something is wrong. No test reaches any other host.
import * as http from "http";
import type { AddressInfo } from "net";
import type { HarnessProject } from "../adopt/fromHarness";

/** How the server misbehaves: an HTTP status for every request, one failing page, text that is not JSON, a 429 first. */
export type Behaviour =
    | { kind: "ok" }
    | { kind: "status"; status: number; message?: string }
    | { kind: "failing page"; list: string; page: number; status: number }
    | { kind: "not json" }
    | { kind: "rate limited first"; retryAfter: string };

export interface ServedRequest {
    path: string;
    query: Record<string, string>;
    apiKey: string | undefined;
    at: number;
}

const ITEMS = { "/cf/admin/features": "features", "/cf/admin/targets": "targets", "/cf/admin/segments": "segments" } as const;

export async function startHarnessServer(project: HarnessProject, pageSize = 2) {
    const requests: ServedRequest[] = [];
    let behaviour: Behaviour = { kind: "ok" };
    let limited = false;
    const server = http.createServer((req, res) => {
        const url = new URL(req.url ?? "/", "http://127.0.0.1");
        const apiPath = url.pathname.replace(/^\/gateway/, "");
        const query = Object.fromEntries(url.searchParams);
        requests.push({ path: apiPath, query, apiKey: req.headers["x-api-key"] as string | undefined, at: Date.now() });
        const send = (status: number, body: string, headers: Record<string, string> = {}) => {
            res.writeHead(status, { "content-type": "application/json", ...headers });
            res.end(body);
        };
        if (behaviour.kind === "status")
            return send(behaviour.status, JSON.stringify({ code: String(behaviour.status), message: behaviour.message ?? "refused" }));
        if (behaviour.kind === "not json") return send(200, "<html>Sign in to Harness</html>");
        if (behaviour.kind === "rate limited first" && !limited) {
            limited = true;
            return send(429, JSON.stringify({ message: "rate limit exceeded" }), { "retry-after": behaviour.retryAfter });
        }
        const items = ITEMS[apiPath as keyof typeof ITEMS];
        const inEnvironment = project.environments[query.environmentIdentifier];
        if (!items || query.orgIdentifier !== project.orgId || query.projectIdentifier !== project.projectId || !inEnvironment)
            return send(404, JSON.stringify({ code: "404", message: "project not found" }));
        const page = Number(query.pageNumber ?? 0);
        if (behaviour.kind === "failing page" && behaviour.list === items && behaviour.page === page)
            return send(behaviour.status, JSON.stringify({ message: "internal error" }));
        const all = inEnvironment[items] as unknown[];
        const size = Math.min(Number(query.pageSize ?? 50), pageSize);
        send(
            200,
            JSON.stringify({
                [items]: all.slice(page * size, (page + 1) * size),
                itemCount: all.length,
                pageCount: Math.max(1, Math.ceil(all.length / size)),
                pageIndex: page,
                pageSize: size,
            }),
        );
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return {
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/gateway`,
        requests,
        behave(next: Behaviour) {
            behaviour = next;
            limited = false;
            requests.length = 0;
        },
        // fetch keeps its connections alive: close them too, or close() waits for their idle timeout.
        close: () =>
            new Promise<void>((resolve) => {
                server.close(() => resolve());
                server.closeAllConnections();
            }),
    };
}
