import type { CsatScale } from '../../domain/conversation';

/**
 * A survey answer on the scale it was asked on, as a score on 1..5 and whether it is a
 * "satisfied" (top-two-box) answer. Numeric scales map linearly onto 1..5 (the lowest point
 * to 1, the highest to 5); two-point scales (good/bad, thumbs) to 5 and 1; emoji faces by
 * how happy the face is. Top-2-box is decided on the original scale, where it means what a
 * survey reader expects: 4–5 of 5, 6–7 of 7, 9–10 of 10 (or 0–10), the top face of a
 * three-point scale, good / thumbs up, and the two happiest faces.
 */

export interface CsatAnswer {
	score: number;
	top2: boolean;
}

interface NumericScale {
	min: number;
	max: number;
	top2From: number;
}

const NUMERIC: Partial<Record<CsatScale, NumericScale>> = {
	'1-5': { min: 1, max: 5, top2From: 4 },
	'1-3': { min: 1, max: 3, top2From: 3 },
	'1-7': { min: 1, max: 7, top2From: 6 },
	'1-10': { min: 1, max: 10, top2From: 9 },
	'0-10': { min: 0, max: 10, top2From: 9 }
};

/** Variation selectors and skin tones: 👍🏽 is 👍. */
const MODIFIERS = /\uFE0F|\p{Emoji_Modifier}/gu;
const GOOD = /^(good|satisfied|positive|yes|happy|great|👍|thumbs ?up|up|\+1)$/i;
const BAD =
	/^(bad|unsatisfied|dissatisfied|not satisfied|negative|no|unhappy|👎|thumbs ?down|down|-1)$/i;

/** Faces from angriest (1) to happiest (5); skin-tone and variation selectors are ignored. */
const FACES: Array<[number, string[]]> = [
	[1, ['😡', '😠', '🤬', '😤', '😫', '😩', '😖']],
	[2, ['😞', '☹', '🙁', '😕', '😟', '😢', '😔', '😒']],
	[3, ['😐', '😑', '😶', '🤔']],
	[4, ['🙂', '😊', '☺', '😌']],
	[5, ['😀', '😃', '😄', '😁', '😍', '🤩', '🥰', '😆', '😻', '❤']]
];
const FACE_SCORE = new Map<string, number>(
	FACES.flatMap(([score, faces]) => faces.map((face) => [face, score] as [string, number]))
);
const EMOJI_WORDS: Record<string, number> = {
	terrible: 1,
	awful: 1,
	bad: 2,
	poor: 2,
	okay: 3,
	ok: 3,
	neutral: 3,
	average: 3,
	good: 4,
	great: 5,
	amazing: 5,
	excellent: 5
};

function numeric(value: string, scale: NumericScale): CsatAnswer | null {
	const trimmed = value.trim().replace(',', '.');
	if (!/^-?\d+(\.\d+)?$/.test(trimmed)) return null;
	const number = Number(trimmed);
	if (number < scale.min || number > scale.max) return null;
	return {
		score: 1 + ((number - scale.min) * 4) / (scale.max - scale.min),
		top2: number >= scale.top2From
	};
}

function twoPoint(value: string): CsatAnswer | null {
	const trimmed = value.trim().replace(MODIFIERS, '');
	if (GOOD.test(trimmed)) return { score: 5, top2: true };
	if (BAD.test(trimmed)) return { score: 1, top2: false };
	return null;
}

function face(value: string): CsatAnswer | null {
	const trimmed = value.trim().replace(MODIFIERS, '');
	const score = FACE_SCORE.get(trimmed) ?? EMOJI_WORDS[trimmed.toLowerCase()];
	if (score !== undefined) return { score, top2: score >= 4 };
	// Tools that store the face as its position (Intercom's 1..5 rating behind the emoji).
	return numeric(trimmed, { min: 1, max: 5, top2From: 4 });
}

/**
 * The normalised answer, or null when there is none or it cannot be read on its scale (a 7
 * on a 1–5 survey): such an answer is treated as offered but unanswered, never guessed.
 */
export function normalizeCsatAnswer(value: string | null, scale: CsatScale): CsatAnswer | null {
	if (value === null || value.trim() === '') return null;
	const numericScale = NUMERIC[scale];
	if (numericScale) return numeric(value, numericScale);
	if (scale === 'emoji') return face(value);
	return twoPoint(value);
}
