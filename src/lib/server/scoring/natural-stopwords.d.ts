// natural ships no types for this file; importing it alone spares loading natural's index.
declare module 'natural/lib/natural/util/stopwords.js' {
	export const words: string[];
}
