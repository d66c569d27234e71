import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PARAMS, scoreSentiment, scoreSentimentWith, sentimentClass } from '.';
import { NEGATOR, wordInfo } from './lexicon';

const s = scoreSentiment;

describe('scoreSentiment: scale', () => {
	it('is 0 for empty, blank and sentiment-free text', () => {
		expect(s('')).toBe(0);
		expect(s('   \n\t')).toBe(0);
		expect(s('my order id is 48213')).toBe(0);
	});

	it('squashes the valence sum: "good" (1.9) is 1.9^1.2 / sqrt(1.9^2.4 + 30)', () => {
		const good = Math.pow(1.9, 1.2);
		expect(s('good')).toBeCloseTo(good / Math.sqrt(good * good + 30), 6);
		// Negated: × -0.5, and negative totals squash with alpha 8.
		expect(s('not good')).toBeCloseTo((-0.5 * good) / Math.sqrt(0.25 * good * good + 8), 6);
	});

	it('classes at ±0.05', () => {
		expect(sentimentClass(0.05)).toBe('positive');
		expect(sentimentClass(0.049)).toBe('neutral');
		expect(sentimentClass(-0.05)).toBe('negative');
		expect(sentimentClass(s('I want a refund'))).toBe('neutral');
	});
});

describe('scoreSentiment: negation', () => {
	it('flips a positive word: "not good" < 0 < "good"', () => {
		expect(s('not good')).toBeLessThan(0);
		expect(s('good')).toBeGreaterThan(0);
	});

	it('softens a negative word rather than making it praise: "bad" < "isn\'t bad" < "good"', () => {
		expect(s("isn't bad")).toBeGreaterThan(s('bad'));
		expect(s("isn't bad")).toBeGreaterThan(0);
		expect(s("isn't bad")).toBeLessThan(s('good'));
	});

	it('reads contractions with typographic or missing apostrophes', () => {
		expect(s('isn’t bad')).toBe(s("isn't bad"));
		expect(s("I don't like it")).toBeLessThan(0);
		expect(s('i dont like it')).toBe(s("i don't like it"));
		expect(s("it won't help")).toBeLessThan(0);
	});

	it('reaches past articles ("wouldn\'t be such a bad idea") but not across a clause', () => {
		expect(s("wouldn't be such a bad idea")).toBeGreaterThan(0);
		// Across the full stop "good" stays good; the lone "not" only adds its own small minus.
		expect(s('not today. good')).toBeGreaterThan(0);
		expect(s('not today. good')).toBeLessThan(s('good'));
		expect(s('not today')).toBeLessThan(0);
	});

	it('"not only" is not a negation', () => {
		expect(s('not only good')).toBeGreaterThan(0);
	});

	it('"nothing to worry about" negates; "not to mention" and "say no to" do not', () => {
		expect(s('there is nothing to worry about')).toBeGreaterThan(0);
		expect(s('nothing to complain about')).toBeGreaterThan(0);
		expect(s('not to mention the great food')).toBeGreaterThan(0.05);
		expect(s('say no to bad service')).toBeLessThan(0);
	});

	it('"hardly" and "scarcely" negate; "far from" and "anything but" too', () => {
		expect(s('the sequel is hardly a masterpiece')).toBeLessThan(0);
		expect(s('scarcely pleasant')).toBeLessThan(0);
		expect(s('the manual is far from perfect')).toBeLessThan(0);
		expect(s('setting it up was anything but easy')).toBeLessThan(0);
		expect(s('far from home')).toBe(s('home'));
	});

	it('"nothing but" is "only": no negation and no contrast', () => {
		expect(s('nothing but praise for the staff')).toBe(s('praise for the staff'));
	});

	it('a negated opinion verb passes the negation on: "I don\'t think it is good"', () => {
		expect(s("I don't think the food is good")).toBeLessThan(0);
		expect(s("I don't believe it was helpful")).toBeLessThan(0);
	});

	it('"at all" makes a negation stronger', () => {
		expect(s('the agent was not helpful at all')).toBeLessThan(s('the agent was not helpful'));
		expect(s('the agent was not helpful at all')).toBeGreaterThan(-1);
	});

	it('a counterfactual comparative says the opposite: "could have been better"', () => {
		expect(s('the ending could have been better')).toBeLessThan(0);
		expect(s("it could've been better")).toBeLessThan(0);
		expect(s('the weather could be worse')).toBeGreaterThan(0);
		expect(s('the new version is better')).toBeGreaterThan(0);
		// Advice, not a judgement.
		expect(s('you would be better off waiting')).toBeGreaterThan(0);
	});
});

describe('scoreSentiment: boosters', () => {
	it('intensifiers push away from 0, dampeners towards it', () => {
		expect(s('very good')).toBeGreaterThan(s('good'));
		expect(s('very bad')).toBeLessThan(s('bad'));
		expect(s('slightly good')).toBeLessThan(s('good'));
		expect(s('slightly good')).toBeGreaterThan(0);
		expect(s('kind of good')).toBeLessThan(s('good'));
	});

	it('a degree phrase after the verb boosts it: "love it so much", "thank you very much"', () => {
		expect(s('I love it so much')).toBeGreaterThan(s('I love it'));
		expect(s('thank you very much')).toBeGreaterThan(s('thank you'));
		expect(s('I hate this update a lot')).toBeLessThan(s('I hate this update'));
		// Only right after the verb and its object.
		expect(s('I love it, so much rain')).toBe(s('I love it, rain'));
	});

	it('a swear word as an intensifier boosts more than a degree adverb', () => {
		expect(s('the update is fucking awful')).toBeLessThan(s('the update is really awful'));
		expect(s('freaking great support')).toBeGreaterThan(s('really great support'));
		// It modifies: "damn good" is good, not damned.
		expect(s('damn good')).toBeGreaterThan(s('good'));
	});

	it('"too" before a word without a feeling says there is too much of it', () => {
		expect(s('the queue was too long')).toBeLessThan(-0.05);
		expect(s('too many steps to cancel')).toBeLessThan(-0.05);
		expect(s('the wait was not too long')).toBeGreaterThan(0);
		// Before a feeling it is a booster, and "me too" is agreement.
		expect(s('too good')).toBeGreaterThan(s('good'));
		expect(s('me too')).toBe(0);
		expect(s('me too, and thanks')).toBe(s('me, and thanks'));
	});

	it('a booster with a sense of its own keeps it when it modifies nothing', () => {
		expect(s('pretty')).toBeGreaterThan(0);
		expect(s('pretty good')).toBeGreaterThan(s('good'));
	});
});

describe('scoreSentiment: "but"', () => {
	it('weights the clause after "but" more than the one before', () => {
		expect(s('the food was good but the service was terrible')).toBeLessThan(0);
		expect(s('the service was terrible but the food was good')).toBeGreaterThan(
			s('the food was good but the service was terrible')
		);
		expect(s('the food was good but the service was terrible')).toBeGreaterThan(
			s('the service was terrible')
		);
	});
});

describe('scoreSentiment: concessions', () => {
	it('what "although" / "despite" grants counts less than the main clause', () => {
		expect(s('although the food was good, the service was terrible')).toBeLessThan(
			s('the food was good, the service was terrible')
		);
		expect(s('the room was lovely despite the delay')).toBeGreaterThan(
			s('the room was lovely, the delay')
		);
		// Only to the end of its clause.
		expect(s('though late. it was great')).toBe(s('late. it was great'));
	});
});

describe('scoreSentiment: emphasis', () => {
	it('capitals amid lower case strengthen a word; an all-caps text does not', () => {
		expect(s('the food is GOOD')).toBeGreaterThan(s('the food is good'));
		expect(s('the food is BAD')).toBeLessThan(s('the food is bad'));
		expect(s('GOOD')).toBe(s('good'));
	});

	it('exclamation marks strengthen the total, up to four', () => {
		expect(s('good!')).toBeGreaterThan(s('good'));
		expect(s('good!!!')).toBeGreaterThan(s('good!'));
		expect(s('good!!!!!!!!')).toBe(s('good!!!!'));
		expect(s('bad!!')).toBeLessThan(s('bad'));
		expect(s('ok then!')).toBeGreaterThan(0);
	});

	it('stretched words are the word, emphasised', () => {
		expect(s('goooood')).toBeGreaterThan(s('good'));
		expect(s('sooo good')).toBeGreaterThan(s('good'));
	});

	it('a #hashtag word is a label more than a feeling', () => {
		expect(s('enter the #win draw')).toBeGreaterThan(0);
		expect(s('enter the #win draw')).toBeLessThan(s('enter the win draw'));
	});

	it('praise in a question counts less', () => {
		expect(s('is it good?')).toBeLessThan(s('it is good.'));
		expect(s('is it good?')).toBeGreaterThan(0);
	});

	it('negative words in a question count less, unless it is a why-question', () => {
		expect(s('is the screen broken?')).toBeLessThan(0);
		expect(s('is the screen broken?')).toBeGreaterThan(s('the screen is broken.'));
		expect(s('why is the screen broken?')).toBe(s('the screen is broken.'));
		// Only the clause that asks "why" is a complaint; the next question is a question.
		expect(s('why? is it broken?')).toBe(s('is it broken?'));
	});
});

describe('scoreSentiment: hopes and wishes', () => {
	it('what is hoped for counts less than what is the case', () => {
		expect(s('I hope the new version is great')).toBeGreaterThan(0);
		expect(s('I hope the new version is great')).toBeLessThan(
			s('I hope. the new version is great')
		);
		expect(s('I wish the staff were friendly')).toBeLessThan(s('the staff were friendly, I wish'));
	});

	it('a hope that came true is not a wish', () => {
		expect(s('exactly what I was hoping for.')).toBeGreaterThan(s('I was hoping for a reply'));
	});
});

describe('scoreSentiment: ironic thanks', () => {
	it('thanks for a harm done are a complaint', () => {
		expect(s('thanks for ruining my weekend')).toBeLessThan(-0.05);
		expect(s('thanks a lot for wasting my time')).toBeLessThan(-0.05);
		expect(s('Thanks Dave for ignoring my emails')).toBeLessThan(-0.05);
	});

	it('sincere thanks stay thanks, even near a negative word', () => {
		expect(s('thanks for helping me')).toBeGreaterThan(0.05);
		expect(s('thanks for fixing my broken phone')).toBeGreaterThan(s('my broken phone'));
		expect(s('thanks for the warning')).toBeGreaterThan(0);
	});
});

describe('scoreSentiment: inflections the lexicon lacks', () => {
	it("reads dropped g's as the -ing word, rules included", () => {
		expect(s('lovin the new layout')).toBe(s('loving the new layout'));
		expect(wordInfo('nothin').flags & NEGATOR).toBe(NEGATOR);
		expect(s('freakin awesome')).toBe(s('freaking awesome'));
	});

	it("gives a superlative its base word's valence", () => {
		expect(wordInfo('coolest').valence).toBe(wordInfo('cool').valence);
		expect(wordInfo('kindest').valence).toBe(wordInfo('kind').valence);
		expect(wordInfo('sweetest').valence).toBe(wordInfo('sweet').valence);
		expect(wordInfo('biggest').valence).toBe(0);
	});

	it('does not read -ly adverbs as their look-alikes', () => {
		expect(wordInfo('likely').valence).toBe(0);
	});
});

describe('scoreSentiment: laughter', () => {
	it('softens a negative text: a complaint that laughs is half a shrug', () => {
		const unsoftened = { ...DEFAULT_PARAMS, laughSoften: 1 };
		const text = 'missed the last train, what a terrible day lol';
		expect(s(text)).toBeLessThan(0);
		expect(s(text)).toBeGreaterThan(scoreSentimentWith(text, unsoftened));
		// A positive text that laughs is not touched.
		expect(s('great day lol')).toBe(scoreSentimentWith('great day lol', unsoftened));
	});
});

describe('scoreSentiment: emoticons and emoji', () => {
	it('scores emoticons, alone or glued to words', () => {
		expect(s(':)')).toBeGreaterThan(0);
		expect(s(':-(')).toBeLessThan(0);
		expect(s(':D')).toBeGreaterThan(0);
		expect(s('thanks:)')).toBeGreaterThan(s('thanks'));
		expect(s('ok :(')).toBeLessThan(s('ok'));
		expect(s('&lt;3')).toBeGreaterThan(0);
		expect(s('^_^')).toBeGreaterThan(0);
	});

	it('reads "D:" and "D=" as dismay, not as the reversed grin', () => {
		expect(s('D:')).toBeLessThan(-0.05);
		expect(s('my flight got cancelled D:')).toBeLessThan(0);
		expect(s('D=')).toBeLessThan(-0.05);
	});

	it('does not see emoticons in times or ratios', () => {
		expect(s('see you at 10:30')).toBe(0);
	});

	it('scores emoji, with skin tones and variation selectors', () => {
		expect(s('😍')).toBeGreaterThan(0);
		expect(s('😡')).toBeLessThan(0);
		expect(s('👍🏽')).toBe(s('👍'));
		expect(s('❤️')).toBeGreaterThan(0);
		expect(s('great 🎉')).toBeGreaterThan(s('great'));
		expect(s('great 😡')).toBeLessThan(s('great'));
	});

	it('reads gesture emoji with gender and skin-tone modifiers as the bare gesture', () => {
		expect(s('the app logged me out again 🤦')).toBeLessThan(s('the app logged me out again'));
		expect(s('🤦‍♀️')).toBe(s('🤦'));
		expect(s('🤦🏽‍♂️')).toBe(s('🤦'));
	});
});

describe('scoreSentiment: support language', () => {
	it('reads waiting, repeating and escalating as frustration', () => {
		expect(s('still waiting for my order')).toBeLessThan(-0.05);
		expect(s("third time I'm asking about this")).toBeLessThan(-0.05);
		expect(s('this is the 2nd time I write to you')).toBeLessThan(-0.05);
		expect(s('let me speak to a human')).toBeLessThan(-0.05);
		expect(s('can I talk to a real person please')).toBeLessThan(-0.05);
		expect(s('this is useless')).toBeLessThan(-0.05);
	});

	it('reads what failed to happen as the complaint', () => {
		expect(s("it doesn't work")).toBeLessThan(-0.05);
		expect(s('my package never arrived')).toBeLessThan(-0.05);
		expect(s('no reply to my email')).toBeLessThan(-0.05);
		expect(s("I can't log in")).toBeLessThan(-0.05);
		expect(s('it works')).toBe(0);
	});

	it('treats requests as neutral', () => {
		expect(Math.abs(s('I want a refund'))).toBeLessThan(0.05);
		expect(Math.abs(s('please cancel my subscription'))).toBeLessThan(0.05);
		expect(Math.abs(s('how do I reset my password?'))).toBeLessThan(0.05);
	});

	it('reads thanks as positive and "no problem" as friendly', () => {
		expect(s('thanks, that fixed it!')).toBeGreaterThan(0.05);
		expect(s('no problem')).toBeGreaterThan(0.05);
	});
});

describe('scoreSentiment: properties', () => {
	it('stays within [-1, 1] for any string', () => {
		fc.assert(
			fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
				const score = s(text);
				return Number.isFinite(score) && score >= -1 && score <= 1;
			}),
			{ numRuns: 2000 }
		);
	});

	const piece = fc.constantFrom(
		'not',
		'no',
		'never',
		"don't",
		'very',
		'GOOD',
		'good',
		'bad',
		'BAD',
		'love',
		'hate',
		'but',
		'!!!',
		'?',
		'.',
		':)',
		':(',
		'😡',
		'😍',
		'lol',
		'still',
		'waiting',
		'third',
		'time',
		'kind',
		'of',
		'like',
		'sooo',
		'https://x.y/z',
		'@bob',
		'#fail',
		'human',
		'speak',
		'to',
		'a',
		'&lt;3'
	);

	it('stays within [-1, 1] on dense sentiment text, and is deterministic', () => {
		fc.assert(
			fc.property(fc.array(piece, { maxLength: 400 }), fc.array(piece), (words, other) => {
				const text = words.join(' ');
				const first = s(text);
				s(other.join(' ')); // the scorer reuses buffers between calls
				return first >= -1 && first <= 1 && s(text) === first;
			}),
			{ numRuns: 500 }
		);
	});

	it('handles a very long text', () => {
		const score = s('this is terrible and I hate it. '.repeat(20_000));
		expect(score).toBeLessThan(-0.9);
		expect(score).toBeGreaterThanOrEqual(-1);
	});
});
