/**
 * The settings page's forms share one action answer: each form names itself in `_form`, and
 * a failure is shown (errors, and the values to refill) only by the form it is about.
 */
export interface FormFailure {
	errors: Record<string, string>;
	values: Record<string, string>;
}

export interface FormAnswer {
	/** The form the last failure is about; null when none failed or the failure named none. */
	failedForm: string | null;
	errorsFor(name: string): Record<string, string>;
	valuesFor(name: string): Record<string, string>;
}

export function formAnswer(failure: FormFailure | null): FormAnswer {
	const failedForm = failure?.values._form ?? null;
	return {
		failedForm,
		errorsFor: (name) => (failure && failedForm === name ? failure.errors : {}),
		valuesFor: (name) => (failure && failedForm === name ? failure.values : {})
	};
}
