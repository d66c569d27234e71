import type { TopicPhrases } from './topics';

/** The demo's phrases for the money topics: bills, refunds, failed payments and disputes. */
export const MONEY_TOPICS: Record<'billing' | 'refunds' | 'payments' | 'disputes', TopicPhrases> = {
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
	}
};
