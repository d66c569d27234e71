/**
 * Hand-written word lists for the rules (Parity's own, not taken from any package). Valences
 * use the lexicon's scale, -4..+4.
 */

/** Splits a whitespace-separated list: keeps long word lists readable and compact. */
export function list(words: string): string[] {
	return words.trim().split(/\s+/);
}

/** Booster shifts, in valence units: they move the next sentiment word away from or towards 0. */
export const BOOST_UP = 0.293;
export const BOOST_DOWN = -0.293;

export const INTENSIFIERS = list(`
	absolutely amazingly awfully completely considerably crazy damn decidedly deeply definitely
	effing enormously entirely especially exceptionally extra extremely fabulously freaking
	frickin fricking friggin fucking fully greatly hella highly hugely incredibly insanely
	intensely majorly more most particularly pretty purely quite real really remarkably
	ridiculously seriously so soo sooo soooo substantially super terribly thoroughly too total
	totally tremendously truly uber unbelievably unusually utterly very wicked
`);

/**
 * Taboo intensifiers: swearing is emphasis in itself, so they boost more than degree adverbs
 * ("fucking hate" is more than "really hate"). They are boosters as well (listed above or here).
 */
export const EXPLETIVES = list('bloody damn effing freaking frickin fricking friggin fucking');

export const DAMPENERS = list(`
	almost barely bit fairly kinda kindof less little marginally mildly occasionally partly rather
	slightly somewhat sorta sortof
`);

/**
 * Negators besides the `n't` contractions, which are recognised by their ending; the
 * apostrophe-less forms people type (dont, cant, isnt) are listed.
 */
export const NEGATORS = list(`
	not no never none nobody nothing neither nor nowhere without cannot aint cant dont doesnt
	didnt isnt arent wasnt werent wont wouldnt shouldnt couldnt hasnt havent hadnt mustnt neednt
	darent mightnt shant rarely seldom hardly scarcely
`);

/** Clause joiners after which the writer's real opinion usually comes ("nice, but slow"). */
export const CONTRAST = list('but however');

/** Subordinators of a concession: their clause is granted, the main clause is the opinion. */
export const CONCESSIVE = list('although though despite albeit');

/** Laughter: often a softener tacked onto a plain or even a sour remark ("so tired lol"). */
export const LAUGHTER = list(`
	lol lols lolz lmao lmfao rofl roflmao haha hahaha hahah hehe hehehe heh lulz jk
`);

/**
 * Hopes and wishes: what follows them in the clause is wanted, not the case ("I hope it gets
 * better" says nothing is good yet), so its sentiment words count less.
 */
export const IRREALIS_WORDS = list('hope hopes hoped hoping hopefully wish wishes wished wishing');

/** Thanks, which turn ironic when what is thanked for is a harm ("thanks for wasting my time"). */
export const THANKS_WORDS = list('thanks thank thx thanx');

/**
 * Common English idioms whose words mislead a word lexicon ("the shit" is praise, "no problem"
 * is thanks accepted). Matched on lower-cased tokens; the phrase valence replaces its words'.
 */
export const IDIOMS: Record<string, number> = {
	'the shit': 2.5,
	'the bomb': 2.5,
	'bad ass': 1.5,
	'yeah right': -1.5,
	'kiss of death': -1.5,
	'under the weather': -1.5,
	'no problem': 1.5,
	'no problems': 1.5,
	'no worries': 1.5,
	'no prob': 1.5,
	"can't wait": 2.0,
	'cant wait': 2.0,
	'cannot wait': 2.0,
	"can't complain": 1.0,
	'not bad at all': 1.5,
	'thanks for nothing': -2.2
};
