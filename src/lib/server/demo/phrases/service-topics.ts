import type { TopicPhrases } from './topics';

/** The demo's phrases for the service topics: parcels, sign-in, app errors, cancellations and the rest. */
export const SERVICE_TOPICS: Record<
	'delivery' | 'account-access' | 'app-errors' | 'cancellations' | 'other',
	TopicPhrases
> = {
	delivery: {
		tags: ['delivery', 'shipping', 'where_is_my_order', 'card_delivery'],
		openers: [
			'My order #{order} has not arrived yet, it was due on {date}',
			'The tracking number for my parcel has not updated in {days} days',
			'Where is my order? The courier says delivered but I have nothing',
			"My new card hasn't arrived, it has been {days} days",
			'I think my package was sent to the wrong address',
			'The delivery was late and the parcel is damaged'
		],
		details: [
			'Order #{order}, tracking number TRK{order}',
			'My address is correct in the app, postcode {postcode}',
			'It was supposed to arrive on {date}'
		],
		followUps: [
			'Can I get it delivered to my work instead?',
			'What happens if it does not come tomorrow?',
			'Can I get a tracking link by email?'
		],
		followUpAnswers: [
			'Yes, I have changed the delivery address to your work address.',
			'If it has not arrived by {date2}, we send a replacement for free.',
			'Yes, I have emailed you the tracking link.'
		],
		aiAnswers: [
			'Your parcel for order #{order} is with the courier and is out for delivery today. You can follow it with the tracking number TRK{order}.',
			'Your card was posted on {date} and usually arrives within 7 working days. If it has not arrived by {date2}, I can order a replacement for free.',
			'The courier marked order #{order} as delivered to a neighbour at number 12. If you cannot find it, I can start a claim for you.'
		],
		aiWeak: [
			'Deliveries usually take 3 to 7 working days. You can track your order in the app. Is there anything else I can help you with?',
			'Please check the tracking page for the latest delivery updates. Is there anything else I can help you with?'
		],
		agentAnswers: [
			'I contacted the courier: your parcel was misrouted. I have sent a replacement by express delivery, it will arrive tomorrow.',
			'I have cancelled the lost card and sent a new one by tracked delivery. Here is the tracking number: TRK{order}.',
			'Sorry about the damaged parcel. I have arranged a free replacement and a return label for the damaged one.'
		],
		agentAsks: [
			'Could you confirm your delivery address and postcode?',
			'Can you share the order number so I can check with the courier?'
		]
	},
	'account-access': {
		tags: ['account_access', 'login_issue', 'password_reset', 'verification'],
		openers: [
			"I can't access my account, it says my password is wrong",
			'I am locked out of my account after too many login attempts',
			'I am not getting the verification code by SMS',
			'The identity verification keeps failing when I take the selfie',
			"I changed my phone and now I can't log in, the 2FA code goes to my old number",
			'How do I reset my password? The reset email never comes'
		],
		details: [
			'My email is the one I am writing from',
			'I tried {days} times already',
			'I get the error "session expired" every time'
		],
		followUps: [
			'And how do I change my phone number for the codes?',
			'Will I need to verify my identity again?',
			'Is my money safe while I am locked out?'
		],
		followUpAnswers: [
			'You can change it under Settings > Security > Phone number once you are logged in.',
			'No, your identity check is still valid.',
			'Yes, your money is safe; nobody can move it while the account is locked.'
		],
		aiAnswers: [
			'I have sent a password reset link to your email address; it is valid for 30 minutes. Check the spam folder if you cannot see it.',
			'Your account was locked for your protection after 5 failed attempts. I have unlocked it, you can log in again now.',
			'For the identity verification, make sure your face is well lit and your ID is not expired. I have reset the check so you can try again.'
		],
		aiWeak: [
			'You can reset your password from the login screen by tapping "Forgot password". Is there anything else I can help you with?',
			'For security reasons I cannot access your account. Please follow the steps in our Help Center. Is there anything else I can help you with?'
		],
		agentAnswers: [
			'I have verified your identity and moved the 2FA to your new number. You can log in now.',
			'The reset emails were blocked by your provider. I have sent a reset link by SMS instead, it should work now.',
			'I have approved your identity check manually. Your account is fully open again.'
		],
		agentAsks: [
			'For security, can you confirm your date of birth and the last four digits of your card?',
			'Which phone number should the codes go to?'
		]
	},
	'app-errors': {
		tags: ['bug', 'app_error', 'technical_issue', 'crash'],
		openers: [
			'The app keeps crashing every time I open it',
			'After the update the app shows a blank screen',
			'I get an error message "something went wrong" when I try to pay',
			"The page doesn't load, it keeps loading forever",
			"There is a bug: the button doesn't work on the transfer screen",
			'The app freezes when I open my statements on my {device}'
		],
		details: [
			'I am on a {device} with the latest version',
			'I already reinstalled it twice',
			'Error code E{code}'
		],
		followUps: [
			'Will the fix come in an update?',
			'Can I use the website until then?',
			'Do I need to log in again after reinstalling?'
		],
		followUpAnswers: [
			'Yes, the fix is in the next update, due this week.',
			'Yes, the website has every feature of the app.',
			'Yes, log in once after reinstalling and your settings come back.'
		],
		aiAnswers: [
			'This is a known issue with version 8.{code} on {device}. Please update to the latest version from the store; the crash is fixed there.',
			'Please clear the app cache (Settings > Apps > Storage > Clear cache) and open it again. That fixes the blank screen after the update.',
			'Error E{code} means your session expired. Log out and in again and the payment will go through.'
		],
		aiWeak: [
			'Please try to close the app and open it again, or reinstall it. Is there anything else I can help you with?',
			'Sorry for the inconvenience. Make sure you have the latest version of the app. Is there anything else I can help you with?'
		],
		agentAnswers: [
			'Thanks for the details. Our engineers found the bug on {device} and released a fix an hour ago; please update and it will work.',
			'I have reset your app session from our side; log in again and the error should be gone.',
			'This was caused by a corrupted setting on your account. I have fixed it, please try again.'
		],
		agentAsks: [
			'Which phone and app version are you using?',
			'Can you send a screenshot of the error?'
		]
	},
	cancellations: {
		tags: ['cancellation', 'cancel_subscription', 'close_account'],
		openers: [
			'I want to cancel my {plan} subscription',
			'Please close my account, I am switching to another bank',
			"How do I cancel? I don't want it anymore",
			'I asked to cancel last month and I was still charged',
			'Please delete my account and all my data',
			'I no longer need the {plan} plan, can I end my subscription today?'
		],
		details: [
			'The account is under this email',
			'I cancelled on {date} in the app',
			'It is the {plan} plan'
		],
		followUps: [
			'Will I get a refund for the rest of the month?',
			'What happens to the money left in my account?',
			'Do I get a confirmation email?'
		],
		followUpAnswers: [
			'Yes, you get the unused part of this month back, {amount2}.',
			'Please move your balance out first; we send anything left to your bank account.',
			'Yes, a confirmation email is on its way.'
		],
		aiAnswers: [
			'I have cancelled your {plan} subscription. It stays active until the end of the billing period on {date}, and you will not be charged again.',
			'Your account closure is scheduled. Please move your balance out first; we will close the account within 2 working days and email you.',
			'You can cancel any time under Settings > Plan > Cancel. I have done it for you now and sent a confirmation email.'
		],
		aiWeak: [
			'Before you go, did you know you can pause your plan for up to 3 months? Is there anything else I can help you with?',
			'You can manage your plan under Settings > Plan. Is there anything else I can help you with?'
		],
		agentAnswers: [
			'I have cancelled the subscription and refunded the {amount} charge from this month. Sorry it was not stopped earlier.',
			'Your account is closed and your data will be deleted within 30 days, as the law requires. You will get a confirmation email.',
			'Done: the {plan} plan is cancelled and you will not be billed again.'
		],
		agentAsks: [
			'Can you confirm you want to close the account completely, not only the plan?',
			'Could you confirm the email address on the account?'
		]
	},
	other: {
		tags: ['general', 'question'],
		openers: [
			'Do you have a referral programme?',
			'Can I change the language of the app to Spanish?',
			'Is there a student discount?',
			'What are your opening hours on Sundays?',
			'Do you offer joint accounts for couples?',
			'How do I update my home address on file?'
		],
		details: [
			'Just asking for a friend',
			'I have been a customer for 3 years',
			'It is for my daughter'
		],
		followUps: [
			'And is there a limit?',
			'Where do I find that in the app?',
			'Can I do it on the website too?'
		],
		followUpAnswers: [
			'There is no limit.',
			'You find it in the app under Profile > Settings.',
			'Yes, it works the same on the website.'
		],
		aiAnswers: [
			'Yes! Invite friends from Profile > Invite and you both get {amount2} after their first payment.',
			'You can change the language under Settings > Language. Spanish, French, German and Italian are available.',
			'Our chat support is open 24/7, and phone support from 8am to 8pm, Monday to Saturday.'
		],
		aiWeak: [
			'I am not sure I understood. Could you rephrase your question? Is there anything else I can help you with?',
			'You can find answers to common questions in our Help Center. Is there anything else I can help you with?'
		],
		agentAnswers: [
			'Good question: yes, we offer that. I have sent you a link with all the details.',
			'I have updated that for you, it is done now.',
			'Yes, it is available in the app under Profile. Let me know if you need anything else!'
		],
		agentAsks: ['Could you tell me a bit more about what you need?']
	}
};
