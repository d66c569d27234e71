import { describe, expect, it } from 'vitest';
import {
	asksForHuman,
	hasProfanity,
	hasUselessPhrase,
	isShouting,
	refersToEarlierExplanation
} from './signals';

describe('frustration signals in one message', () => {
	it('asks for a human', () => {
		for (const text of [
			'Can I speak to a human please?',
			'I want to talk to a real person',
			'AGENT',
			'human please',
			'Please transfer me to someone who can actually help',
			'Connect me with a manager.',
			'Is there a human I can talk to?',
			'no more bot, I need help'
		])
			expect(asksForHuman(text), text).toBe(true);
		for (const text of [
			'My agent number is 1234',
			'The delivery person left it at the door',
			'Hello, my card was declined',
			'Thanks, that sorted it'
		])
			expect(asksForHuman(text), text).toBe(false);
	});

	it('profanity, with masked forms, without false hits inside words', () => {
		for (const text of [
			'what the hell is going on',
			'this is bullshit',
			'F*** this app',
			'Fucking useless',
			'damn it, still broken',
			'sh*t service',
			'this $#!% app'
		])
			expect(hasProfanity(text), text).toBe(true);
		for (const text of [
			'Hello, I need help',
			'I live in Scunthorpe',
			'My class assignment',
			'Password: ****',
			'Why??!!',
			'the shell script failed'
		])
			expect(hasProfanity(text), text).toBe(false);
	});

	it('shouting needs mostly capitals and two capitalised words, not acronyms', () => {
		expect(isShouting('WHERE IS MY REFUND')).toBe(true);
		expect(isShouting('I HAVE BEEN WAITING FOR TWO WEEKS!!!')).toBe(true);
		expect(isShouting('My PIN does not work at the ATM')).toBe(false);
		expect(isShouting('HELP')).toBe(false);
		expect(isShouting('OK OK')).toBe(false);
		expect(isShouting('ÇA NE MARCHE PAS DU TOUT')).toBe(true);
	});

	it('"this is useless"-type phrases', () => {
		for (const text of [
			'This is useless.',
			'you are completely useless',
			'What a waste of time',
			"That doesn't help at all",
			'You are not listening',
			'stupid bot',
			'I already told you my order number',
			'worst customer service ever',
			'We are going round in circles',
			'Same answer again',
			'No, that does not answer my question.',
			'That does not work either',
			'Your suggestion still doesn’t work'.replace('’', "'"),
			"That doesn't make any sense",
			'I already did that, it does not work.',
			'I have tried that twice'
		])
			expect(hasUselessPhrase(text), text).toBe(true);
		for (const text of [
			'That helps, thank you',
			'Is this useful information for you?',
			'It works now',
			// the problem the customer came with, not a verdict on the support
			"There is a bug: the button doesn't work on the transfer screen",
			'My card does not work at the ATM',
			'The app is not working since the update',
			'The reset link is not working',
			"I've done it, thanks!"
		])
			expect(hasUselessPhrase(text), text).toBe(false);
	});

	it('notices a customer saying they are repeating themselves', () => {
		expect(refersToEarlierExplanation('As I said, the card was charged twice')).toBe(true);
		expect(refersToEarlierExplanation('I already explained this to the bot')).toBe(true);
		expect(refersToEarlierExplanation('Do I have to explain everything again?')).toBe(true);
		expect(refersToEarlierExplanation('My card was charged twice')).toBe(false);
	});
});
