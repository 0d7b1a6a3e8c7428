// The comparison a guard makes, valid however often the ramp is looked at: an always-valid
// confidence sequence for the candidate's excess over the baseline. It is the normal-mixture
// boundary of the mixture sequential probability ratio test (mSPRT) in Johari, Koomen, Pekelis and
// Walsh, "Always Valid Inference: Continuous Monitoring of A/B Tests", Operations Research 70(3),
// 2022 (the method behind Optimizely's Stats Engine; Robbins 1970 for the mixture boundary;
// Howard, Ramdas, McAuliffe and Sekhon, Annals of Statistics 49(2), 2021, for confidence
// sequences). Its error holds at every look at once, so an hourly schedule does not inflate it.
// Pure.

/** One treatment's observations of a guard: how many, their mean, and their variance. */
export interface ArmSample {
    n: number;
    mean: number;
    variance: number;
}

export interface Comparison {
    /** How far the candidate is past what it may reach (the baseline raised by maxIncrease, or an absolute max): above 0 is a regression. */
    excess: number;
    /** The always-valid lower confidence bound of that excess: above 0 says regression at level alpha. */
    lower: number;
    regressed: boolean;
}

/**
 * The always-valid verdict on an estimated excess θ̂ with variance V: the mixture over effects
 * N(0, τ²) gives the radius sqrt(V·(V+τ²)/τ² · log((V+τ²)/(V·α²))). τ² is fixed in per-observation
 * units (V at `planned` of the `n` observations), which makes the sequence tightest around that
 * sample; beyond it the radius grows only as sqrt(log n).
 */
function verdict(excess: number, variance: number, n: number, alpha: number, planned: number): Comparison {
    if (!(variance > 0)) return { excess, lower: excess, regressed: excess > 0 && n > 0 };
    const tau2 = (variance * n) / planned;
    const radius = Math.sqrt(((variance * (variance + tau2)) / tau2) * Math.log((variance + tau2) / (variance * alpha * alpha)));
    return { excess, lower: excess - radius, regressed: excess - radius > 0 };
}

/**
 * Tests H0: candidate ≤ (1 + maxIncrease) × baseline, at level `alpha` across every look:
 * θ̂ = mean_c − (1+m)·mean_b, with variance V = s²_c/n_c + (1+m)²·s²_b/n_b.
 */
export function compare(candidate: ArmSample, baseline: ArmSample, maxIncrease: number, alpha: number, planned: number): Comparison {
    const scale = 1 + maxIncrease;
    if (!(baseline.n > 0)) return { excess: NaN, lower: NaN, regressed: false };
    const variance = candidate.variance / candidate.n + (scale * scale * baseline.variance) / baseline.n;
    return verdict(candidate.mean - scale * baseline.mean, variance, candidate.n, alpha, planned);
}

/** Tests H0: candidate ≤ `max` (a ceiling whatever the baseline does), at level `alpha` across every look: θ̂ = mean_c − max, V = s²_c/n_c. */
export function exceeds(candidate: ArmSample, max: number, alpha: number, planned: number): Comparison {
    return verdict(candidate.mean - max, candidate.variance / candidate.n, candidate.n, alpha, planned);
}

/** The sample of a 0/1 outcome counted as `events` out of `n`. */
export const proportion = (events: number, n: number): ArmSample => {
    const mean = n > 0 ? Math.min(1, Math.max(0, events / n)) : 0;
    return { n, mean, variance: mean * (1 - mean) };
};
