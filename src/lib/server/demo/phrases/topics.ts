import type { DemoTopic } from '../config';

/**
 * What customers, the AI and human agents say in the demo, per topic. Templates take slots
 * ({order}, {amount}, …) filled per conversation. Every opener names its problem in words
 * the shipped taxonomy knows, so untagged conversations still get a topic, and the wording
 * of each mood (grateful, neutral, angry) carries the sentiment a scorer should read.
 */

export interface TopicPhrases {
	/** The tool's tags for this topic (Zendesk-like). */
	tags: string[];
	openers: string[];
	/** What the customer adds when asked, or comes back with. */
	details: string[];
	/** A further question when the first answer only partly settles it. */
	followUps: string[];
	/** The AI's answers to those questions, in the same order. */
	followUpAnswers: string[];
	aiAnswers: string[];
	/** A generic answer that does not address the problem: how the AI fails. */
	aiWeak: string[];
	agentAnswers: string[];
	agentAsks: string[];
}

export const TOPIC_PHRASES: Record<DemoTopic, TopicPhrases> = {
	billing: {
		tags: ['billing', 'invoice', 'charges'],
		openers: [
			'I was charged twice for my {plan} subscription this month',
			'Why is my monthly fee {amount} now? I never agreed to a price increase',
			'My invoice for {month} shows an extra charge of {amount} that I do not understand',
			'I got billed {amount} after I downgraded my plan, can you check?',
			'Can you send me a VAT invoice for my last payment?',
			'There is an unexpected charge of {amount} on my statement from you',
			'I think I was overcharged on my last bill, it should be {amount2}'
		],
		details: [
			'The charge was on {date}, {amount}, card ending {card}',
			'It is the {plan} plan, billed monthly',
			'The invoice number is INV-{order}'
		],
		followUps: [
			'And will the next bill be the normal amount?',
			'Can I get the corrected invoice by email?',
			'How long until the extra charge is reversed?'
		],
		followUpAnswers: [
			'Yes, from next month you pay the usual price of your {plan} plan again.',
			'Yes, I have emailed you the corrected invoice just now.',
			'The extra charge is reversed within 3 working days.'
		],
		aiAnswers: [
			'I can see two charges of {amount} on {date}. One is a temporary authorisation and will drop off within 3 working days. Your invoice shows a single payment.',
			'Your {plan} plan price changed on {date}; we emailed the new price 30 days before. I have attached the invoice for {month} to your account.',
			'I have sent the VAT invoice for your last payment to your email address. You can also download every invoice under Settings > Billing.'
		],
		aiWeak: [
			'You can find all your invoices under Settings > Billing. Is there anything else I can help you with?',
			'Billing questions are covered in our Help Center article "Understanding your bill". Is there anything else I can help you with?'
		],
		agentAnswers: [
			'I have checked your account: the second charge of {amount} was a mistake on our side and I have refunded it today. You will see it in 3-5 working days.',
			'You are right, the price increase should not have applied to your plan. I have credited {amount} to your account and fixed the price for the next bill.',
			'I have sent the corrected invoice to your email. Sorry for the confusion!'
		],
		agentAsks: [
			'Could you tell me the date and amount of the charge you do not recognise on the bill?',
			'Can you confirm the last four digits of the card that was billed?'
		]
	},
	refunds: {
		tags: ['refund', 'refund_request', 'returns'],
		openers: [
			'Where is my refund for order #{order}? It has been {days} days',
			'I returned the item two weeks ago and still no refund',
			'I want my money back for order #{order}, the product was faulty',
			'You promised a refund of {amount} but nothing has arrived',
			'Can I get a refund? I was sent the wrong size',
			'My refund status still says pending after {days} days'
		],
		details: [
			'Order #{order}, I sent it back on {date}',
			'It was {amount}, paid by card ending {card}',
			'The return label tracking says it was delivered to you on {date}'
		],
		followUps: [
			'Will it go back to the same card?',
			'How many days does the bank take after that?',
			'Do I get the shipping cost back as well?'
		],
		followUpAnswers: [
			'Yes, the refund goes back to the card ending {card}.',
			'Most banks show it within 2 to 5 working days after we send it.',
			'Yes, the shipping cost of {amount2} is refunded with it.'
		],
		aiAnswers: [
			'Your refund of {amount} for order #{order} was issued on {date}. Banks usually take 5 to 10 working days to show it on your statement.',
			'I have started a refund of {amount} for order #{order}. It goes back to the card ending {card} and should arrive within 5 working days.',
			'Returns are refunded once the item reaches our warehouse. Your return for order #{order} arrived on {date} and the refund is on its way.'
		],
		aiWeak: [
			'Refunds usually take 5 to 10 working days. You can check the status of your refund in the app. Is there anything else I can help you with?',
			'You can read about our refund policy in the Help Center. Is there anything else I can help you with?'
		],
		agentAnswers: [
			'I found the problem: the refund for order #{order} was stuck in our system. I have pushed it through manually, {amount} will reach your card in 2-3 days.',
			'I have issued the refund of {amount} today and added a {amount2} voucher for the trouble. Sorry for the wait!',
			'The refund was sent to the card ending {card} on {date}. Here is the reference: RF-{order}. Your bank can trace it with that.'
		],
		agentAsks: [
			'Could you share the order number and the date you sent the item back?',
			'Can you confirm the email address the order was placed with?'
		]
	},
	payments: {
		tags: ['payments', 'payment_failed', 'card_issue', 'transfers'],
		openers: [
			'My card was declined at {merchant} but I have money in my account',
			'My bank transfer of {amount} is still pending since {date}',
			'Payment failed three times when I tried to top up',
			'I cannot add my card to Apple Pay, it says payment method not supported',
			'The exchange rate on my payment to {merchant} looks wrong',
			'My direct debit to {merchant} was rejected, why?',
			'ATM withdrawal failed but the money left my account'
		],
		details: [
			'It was {amount} at {merchant} on {date}',
			'The card ends in {card}',
			'The transfer reference is TR-{order}'
		],
		followUps: [
			'Will this happen again next time?',
			'How long do transfers usually take?',
			'Is there a limit I should know about?'
		],
		followUpAnswers: [
			'Not if you stay under your new limit; I have raised it for you.',
			'Transfers between banks usually arrive the same day, at most in 2 working days.',
			"Your card's daily limit is {amount2}; you can change it under Card > Limits."
		],
		aiAnswers: [
			'Your card was declined because the payment was above your daily limit of {amount2}. You can raise the limit under Card > Limits, and try again.',
			'Your transfer of {amount} is being checked by our payments team; this can take up to 24 hours. It will arrive by {date}.',
			'Apple Pay needs the card to be verified first. Open Card > Add to Apple Pay and confirm the code we send you.'
		],
		aiWeak: [
			'Payments can fail for many reasons. Please check that you have enough funds and try again later. Is there anything else I can help you with?',
			'You can read more about declined payments in our Help Center. Is there anything else I can help you with?'
		],
		agentAnswers: [
			'I checked: a security rule blocked the payment at {merchant}. I have removed the block, you can pay again now.',
			'Your transfer was held for a routine check. I have released it, {amount} will arrive today.',
			'The failed withdrawal was reversed, the {amount} is back in your account now.'
		],
		agentAsks: [
			'Can you tell me the amount and the merchant of the failed payment?',
			'Which card did you use? The last four digits are enough.'
		]
	},
	disputes: {
		tags: ['dispute', 'chargeback', 'fraud', 'fraud_report'],
		openers: [
			'There is a payment of {amount} to {merchant} that I did not make, I think it is fraud',
			'I want to dispute a charge from {merchant}, they never delivered the goods',
			"Someone used my card for {amount} at {merchant}, I don't recognise this payment",
			'I have been scammed by a seller and I need a chargeback for {amount}',
			'My card was stolen yesterday, please block my card, there are unauthorised payments',
			'I do not recognise three payments from {merchant} on {date}'
		],
		details: [
			'It was {amount} on {date} at {merchant}',
			'My card ending {card} is still in my wallet, so someone copied it',
			'I contacted the merchant on {date} and they ignored me'
		],
		followUps: [
			'How long does the dispute take?',
			'Will I get the money back while you investigate?',
			'Do I need a new card?'
		],
		followUpAnswers: [
			'Disputes take up to 45 days, and we keep you updated by email.',
			'Yes, you get a temporary credit of {amount} within 2 working days.',
			'Yes: I have ordered a new card, it arrives within 5 working days.'
		],
		aiAnswers: [
			'I have frozen your card ending {card} and opened a dispute for {amount} with {merchant}. You will get a temporary credit within 2 working days while we investigate.',
			'I have raised a chargeback for the {amount} payment to {merchant}. Disputes take up to 45 days; we will email you at every step.',
			'Your card is now blocked and a new card is on its way. I have flagged the payments from {merchant} as fraudulent and our fraud team will refund them.'
		],
		aiWeak: [
			'To dispute a transaction, go to the transaction in the app and tap "Report a problem". Is there anything else I can help you with?',
			'You can learn how disputes work in our Help Center article "Disputing a card payment". Is there anything else I can help you with?',
			'I understand you have a question about a transaction. Could you tell me more about the transaction?'
		],
		agentAnswers: [
			'I have blocked the card ending {card}, cancelled the payments to {merchant} and refunded {amount} to your account. A new card will arrive in 3-5 days.',
			'I have opened the dispute with {merchant} and credited {amount} to you while it runs. You do not need to do anything else.',
			'Our fraud team confirmed the payments were not yours. The full {amount} is back in your account now.'
		],
		agentAsks: [
			'Can you confirm which payments you do not recognise, with the dates and amounts?',
			'Is your physical card still with you?'
		]
	},
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
