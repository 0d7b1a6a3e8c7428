// A guard's measurement over a stage, read from Prometheus: per treatment (a label on the series),
// the increase of counters and histograms from the stage's start to now. Each kind becomes a mean
// per observation with its variance, which is what the sequential comparison needs:
//   ratio: events / total, a 0/1 outcome per unit (errors per request, thumbs-down per rating);
//   above: the share of a histogram's observations above a bound (slow requests), interpolated
//          within a bucket as histogram_quantile does when the bound is not a bucket's;
//   mean:  a histogram's _sum / _count, its variance estimated from the buckets' midpoints.
// It fails closed: a series that does not exist, or a treatment with nothing observed, is "no data".
import type { GuardSpec } from "../catalog/types";
import type { Measurement } from "./decide";
import { instantQuery, PrometheusError, Sample } from "./prometheus";
import { ArmSample, proportion } from "./sequential";

/** A selector's metric name and its label matchers (inside its braces, if any): `m{a="b"}` → `m`, `a="b"`. */
function selectorParts(selector: string): [name: string, matchers: string] {
    const text = selector.trim();
    const brace = text.indexOf("{");
    return brace < 0 ? [text, ""] : [text.slice(0, brace), text.slice(brace + 1, -1).trim().replace(/,\s*$/, "")];
}

/** `selector` with one more label matcher: `m{a="b"}` + `t=~"x|y"` → `m{a="b",t=~"x|y"}`. */
export function withMatcher(selector: string, matcher: string): string {
    const [name, matchers] = selectorParts(selector);
    return `${name}{${matchers ? `${matchers},` : ""}${matcher}}`;
}

/** A histogram selector's series with a suffix: `h{a="b"}` + `_bucket` → `h_bucket{a="b"}`. */
export function series(selector: string, suffix: string): string {
    const [name, matchers] = selectorParts(selector);
    return `${name}${suffix}${matchers ? `{${matchers}}` : ""}`;
}

export interface Window {
    /** Prometheus's base URL. */
    prometheus: string;
    /** The label that carries the treatment, and the two treatments compared. */
    label: string;
    candidate: string;
    baseline: string;
    from: Date;
    to: Date;
}

/** Measures `guard` over `window`, or says why it cannot. */
export async function measure(guard: GuardSpec, window: Window): Promise<Measurement> {
    try {
        return await measured(guard, window);
    } catch (error) {
        if (error instanceof PrometheusError) return { unreadable: error.message };
        throw error;
    }
}

async function measured(guard: GuardSpec, window: Window): Promise<Measurement> {
    const { label, candidate, baseline } = window;
    const seconds = Math.max(60, Math.round((window.to.getTime() - window.from.getTime()) / 1000));
    // Treatment names are FME names (letters, digits, - and _): nothing in them needs escaping.
    const arms = `${label}=~"${candidate}|${baseline}"`;
    const increase = async (selector: string, by: string) => {
        const query = `sum by (${by}) (increase(${withMatcher(selector, arms)}[${seconds}s]))`;
        const samples = await instantQuery(window.prometheus, query, window.to);
        if (samples.some((s) => !Number.isFinite(s.value) || s.value < 0))
            throw new PrometheusError(`the query ${query} gave a value that is no count (NaN, infinite or negative)`);
        return samples;
    };
    const armOf = (samples: Sample[], treatment: string) => samples.filter((s) => s.labels[label] === treatment);
    const noData = (what: string) => ({ unreadable: `no data: ${what} from ${window.from.toISOString()} to ${window.to.toISOString()}` });

    if (guard.kind === "ratio") {
        const [events, total] = await Promise.all([increase(guard.events, label), increase(guard.total, label)]);
        if (!events.length) return noData(`no series ${guard.events}`);
        const samples = [candidate, baseline].map((t) => {
            const n = armOf(total, t)[0]?.value ?? 0;
            // A labelled counter appears with its first event: a treatment without it had none.
            return n > 0 ? proportion(armOf(events, t)[0]?.value ?? 0, n) : undefined;
        });
        return both(samples, `${guard.total} for ${candidate}`, noData);
    }
    const [buckets, sums] = await Promise.all([
        increase(series(guard.histogram, "_bucket"), `${label}, le`),
        guard.kind === "mean" ? increase(series(guard.histogram, "_sum"), label) : [],
    ]);
    const finite = [...new Set(buckets.map((b) => bucketBound(b.labels.le)))].filter((le) => le !== Infinity).sort((a, b) => a - b);
    if (guard.kind === "above" && buckets.length && !(guard.bound <= finite[finite.length - 1]))
        return {
            unreadable: `${guard.histogram} has no bucket at or above le="${guard.bound}" (its bounds: ${finite.join(", ")}, +Inf): set bound to one of them, or add buckets`,
        };
    const samples = [candidate, baseline].map((t) => {
        const histogram = armOf(buckets, t)
            .map((b) => ({ le: bucketBound(b.labels.le), count: b.value }))
            .sort((a, b) => a.le - b.le);
        const n = histogram.find((b) => b.le === Infinity)?.count ?? 0;
        if (!(n > 0)) return undefined;
        if (guard.kind === "above") return proportion(n - countAtMost(histogram, guard.bound), n);
        const sum = armOf(sums, t)[0]?.value;
        return sum === undefined ? undefined : histogramSample(histogram, sum, n);
    });
    return both(samples, `${series(guard.histogram, "_bucket")} for ${candidate}`, noData);
}

/** A bucket's `le` label as a number: Prometheus writes the last one +Inf. */
const bucketBound = (le: string | undefined) => (le === "+Inf" ? Infinity : Number(le));

/**
 * Observations at or below `bound`: its bucket's count, or, between two bucket bounds, linearly
 * interpolated as Prometheus's histogram_quantile does (observations spread evenly in a bucket).
 */
export function countAtMost(cumulative: { le: number; count: number }[], bound: number): number {
    let previous = { le: 0, count: 0 };
    for (const bucket of cumulative) {
        if (bucket.le >= bound)
            return previous.count + ((bucket.count - previous.count) * (bound - previous.le)) / (bucket.le - previous.le);
        previous = bucket;
    }
    return previous.count;
}

/**
 * The two treatments' samples, or no data when the candidate has none. A baseline with none is an
 * empty sample: at 100% nothing is served it, and before that its n holds the ramp (too few).
 */
function both(samples: (ArmSample | undefined)[], what: string, noData: (what: string) => Measurement): Measurement {
    const [candidate, baseline = { n: 0, mean: 0, variance: 0 }] = samples;
    return candidate ? { candidate, baseline } : noData(`nothing observed in ${what}`);
}

/** A histogram's mean (from its sum) and variance (from its buckets' midpoints; the last finite bound stands for +Inf). */
function histogramSample(cumulative: { le: number; count: number }[], sum: number, n: number): ArmSample {
    const mean = sum / n;
    let [previousLe, previousCount, squares] = [0, 0, 0];
    const finite = cumulative.filter((b) => b.le !== Infinity);
    const top = finite.length ? finite[finite.length - 1].le : mean;
    for (const { le, count } of cumulative) {
        const midpoint = le === Infinity ? Math.max(top, mean) : (previousLe + le) / 2;
        squares += Math.max(0, count - previousCount) * midpoint * midpoint;
        [previousLe, previousCount] = [le === Infinity ? previousLe : le, count];
    }
    return { n, mean, variance: Math.max(0, squares / n - mean * mean) };
}
