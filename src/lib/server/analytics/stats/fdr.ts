/** Multiple-testing correction, for the gaps, verdicts and regressions tested side by side. */

/**
 * Benjamini–Hochberg adjusted p-values (q-values), in the input order: q_(i) =
 * min over j ≥ i of m·p_(j)/j, capped at 1. Rejecting q ≤ α controls the false discovery
 * rate at α for independent or positively dependent tests (Benjamini & Yekutieli 2001).
 */
export function benjaminiHochberg(pValues: readonly number[]): number[] {
	const m = pValues.length;
	const order = pValues.map((p, i) => ({ p, i })).sort((x, y) => x.p - y.p);
	const q = new Array<number>(m);
	let running = 1;
	for (let rank = m; rank >= 1; rank--) {
		const entry = order[rank - 1]!;
		running = Math.min(running, (entry.p * m) / rank);
		q[entry.i] = running;
	}
	return q;
}
