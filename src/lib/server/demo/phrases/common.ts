/** Phrases shared by every topic: moods, closings, hand-offs, names. */

export const COMMON = {
	greetings: ['hi', 'hello', 'Hi there', 'hey', 'Good morning', 'Hello,'],
	calmPrefixes: ['Hope you are well.', 'Quick question:', 'Hello, I hope you can help.', ''],
	angryPrefixes: [
		'This is ridiculous.',
		'I am really frustrated.',
		'Honestly, this is unacceptable.',
		'I am so angry right now.',
		'Third time I am writing about this!',
		'Terrible experience so far.'
	],
	followUpPrefixes: [
		'I contacted you about this {days} days ago and it is still not fixed.',
		'Writing again because nobody solved my problem.',
		'Second time I am contacting you about this.',
		'I already talked to you on {weekday} about this.'
	],
	restate: [
		'I already said: {text}',
		'Again: {text}',
		'{text}. Please read my message.',
		'As I said, {text}',
		'{text}!!',
		'No. {text}'
	],
	thanks: [
		'Thanks, that sorted it!',
		'Perfect, thank you so much',
		'Great, really appreciate the help!',
		'That worked, thanks!',
		'Brilliant, cheers',
		'Awesome, thanks for the quick help',
		'Thank you, that is great news',
		'Excellent, problem solved. Thank you!'
	],
	neutralClose: [
		'ok',
		'ok thanks',
		"Alright, I'll try that",
		'fine',
		"I'll check and come back",
		'ok, noted'
	],
	angryClose: [
		'This is useless.',
		"Forget it, I'll call my bank.",
		'Worst customer service ever.',
		'You are not listening. I give up.',
		'What a waste of time.',
		'Unbelievable. I am closing my account.',
		'Terrible service, I am very disappointed.',
		'This is not helpful at all.'
	],
	profane: [
		'What the hell is going on with my account',
		'This is bullshit, I want this fixed',
		'Damn it, it still does not work',
		'F*** this, nothing works'
	],
	shouting: ['I WANT THIS FIXED NOW', 'WHY IS NOBODY HELPING ME', 'THIS IS THE THIRD TIME I ASK'],
	unhelpful: [
		"That doesn't help.",
		'That is not what I asked.',
		'No, that does not answer my question.',
		'I already did that, it does not work.',
		'You are going round in circles.'
	],
	askHuman: [
		'Can I speak to a human please?',
		'I want to talk to a real person',
		'agent',
		'Please transfer me to someone who can help',
		'human please',
		'Connect me with an agent now'
	],
	aiGreeting: [
		'Hi {customer}, I am {bot}, an AI assistant. ',
		'Hello {customer}! ',
		'Thanks for reaching out, {customer}. ',
		''
	],
	aiHandoff: [
		"I'll connect you with a member of our team. They'll be with you shortly.",
		'Let me pass you to one of our specialists.',
		"I'm handing this over to our support team now."
	],
	aiKnowsItsLimits: [
		'Thanks. This is something one of my colleagues needs to look at, so I am passing you to them now.',
		'I cannot change this myself, but a specialist can. Let me connect you.',
		'Thank you for the details. I am handing this to our support team, who can sort it out.'
	],
	aiApology: [
		"I'm sorry you're having this experience. Is there anything else I can help you with?",
		'I understand your frustration. You can find more help in our Help Center.',
		"I'm sorry to hear that. Could you tell me more about the problem?"
	],
	aiClosing: [
		'Glad I could help! Have a great day.',
		'Happy to help. Anything else, just ask!',
		'You are welcome!'
	],
	agentIntro: [
		'Hi {customer}, this is {agent} from the support team.',
		"Hello {customer}, {agent} here, I'm taking over from our assistant.",
		'Hi {customer}, thanks for waiting. {agent} here.'
	],
	agentGreeting: [
		'Hi {customer}, {agent} here.',
		'Hello {customer},',
		'Hi {customer}, thanks for contacting us.'
	],
	agentClosing: [
		"You're welcome, have a great day!",
		'Glad it is sorted. Take care!',
		'Happy to help. Have a nice evening!'
	],
	agentAsksAgain: [
		'What have you tried so far, and what happened?',
		'Could you send me a screenshot or any reference number you have?'
	],
	agentChecking: [
		'Let me check that part with the team and get back to you.',
		'I need to confirm that with a colleague; I will update you as soon as I know.',
		'Good question. I have asked the team and will come back to you on it.'
	],
	agentSorry: [
		'I am sorry for the trouble. I have escalated this to the team and we will email you.',
		'I understand, and I am sorry. There is nothing more I can do today, the team will follow up.'
	],
	emailSignOff: ['Thanks,', 'Best regards,', 'Kind regards,', 'Cheers,', 'Regards,'],
	surveyComments: {
		good: ['Quick and helpful', 'Great service', 'Solved my problem fast', 'Very friendly'],
		bad: ['Did not solve my problem', 'The bot was useless', 'Took far too long', 'Nobody listened']
	}
};

export const NAMES = {
	first: [
		'Emma',
		'Liam',
		'Olivia',
		'Noah',
		'Ava',
		'Lucas',
		'Mia',
		'Leo',
		'Sofia',
		'Hugo',
		'Chloe',
		'Adam',
		'Lea',
		'Jonas',
		'Nora',
		'Mateo',
		'Zoe',
		'Omar',
		'Aisha',
		'Wei',
		'Priya',
		'Arjun',
		'Fatima',
		'Yusuf',
		'Elena',
		'Marco',
		'Anna',
		'Jakub',
		'Sara',
		'Tom',
		'Grace',
		'Daniel'
	],
	last: [
		'Smith',
		'Garcia',
		'Müller',
		'Rossi',
		'Dubois',
		'Nowak',
		'Khan',
		'Chen',
		'Patel',
		'Silva',
		'Jensen',
		'Kowalski',
		'Brown',
		'Martin',
		'Lopez',
		'Novak',
		'Haddad',
		'Okafor',
		'Kim',
		'Ivanova'
	],
	agents: ['Sam', 'Alex', 'Jordan', 'Maria', 'Tariq', 'Ingrid', 'Chen', 'Lucía', 'Ben', 'Amara'],
	merchants: [
		'Amazon',
		'Uber',
		'Netflix',
		'Zara',
		'Ryanair',
		'Tesco',
		'Spotify',
		'eBay',
		'Booking.com',
		'Deliveroo'
	],
	plans: ['Premium', 'Plus', 'Metal', 'Family', 'Pro'],
	devices: ['iPhone 13', 'Pixel 7', 'Samsung Galaxy S22', 'iPad', 'OnePlus 11']
};
