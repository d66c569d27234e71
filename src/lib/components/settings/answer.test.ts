import { describe, expect, it } from 'vitest';
import { formAnswer } from './answer';

describe('formAnswer', () => {
	it('shows a failure only to the form that named itself', () => {
		const answer = formAnswer({
			errors: { pattern: 'not a valid pattern' },
			values: { _form: 'rule-new', pattern: '(' }
		});
		expect(answer.failedForm).toBe('rule-new');
		expect(answer.errorsFor('rule-new')).toEqual({ pattern: 'not a valid pattern' });
		expect(answer.valuesFor('rule-new')).toEqual({ _form: 'rule-new', pattern: '(' });
		expect(answer.errorsFor('repeat')).toEqual({});
		expect(answer.valuesFor('repeat')).toEqual({});
	});

	it('names no form when the failure names none, or when nothing failed', () => {
		const unnamed = formAnswer({ errors: { form: 'Too large' }, values: {} });
		expect(unnamed.failedForm).toBeNull();
		expect(unnamed.errorsFor('repeat')).toEqual({});
		const none = formAnswer(null);
		expect(none.failedForm).toBeNull();
		expect(none.errorsFor('zones')).toEqual({});
	});
});
