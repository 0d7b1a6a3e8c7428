// "Did you mean": the nearest of the allowed words to a misspelt one, by edit distance.

/**
 * Edit distance, case-insensitive, where swapping two neighbouring letters is one edit (optimal
 * string alignment): `sdkkeys` is zero from `sdkKeys`, `prdo` one from `prod`.
 */
export function editDistance(a: string, b: string): number {
    const x = a.toLowerCase();
    const y = b.toLowerCase();
    let twoBack: number[] = [];
    let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
    for (let i = 1; i <= x.length; i++) {
        const current = [i];
        for (let j = 1; j <= y.length; j++) {
            current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1));
            if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) current[j] = Math.min(current[j], twoBack[j - 2] + 1);
        }
        [twoBack, previous] = [previous, current];
    }
    return previous[y.length];
}

/**
 * The allowed word closest to `word`, when it is close enough to be a slip: a different case, or at
 * most a third of its letters changed (and never more than 3).
 */
export function closest(word: string, allowed: Iterable<string>): string | undefined {
    let best: string | undefined;
    let bestDistance = Infinity;
    for (const candidate of allowed) {
        const distance = editDistance(word, candidate);
        if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
    }
    const limit = Math.min(3, Math.max(1, Math.floor(word.length / 3)));
    return best !== undefined && bestDistance <= limit ? best : undefined;
}
