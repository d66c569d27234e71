import {
	addBotRule,
	addKeyword,
	AddKeywordForm,
	BotRuleForm,
	deleteTopic,
	DeleteTopicForm,
	IdForm,
	moveTopic,
	MoveTopicForm,
	removeBotRule,
	RepeatForm,
	saveBotRule,
	SaveBotRuleForm,
	saveRepeatSettings,
	saveTopic,
	saveZones,
	settingsPage,
	toggleBotRule,
	ToggleRuleForm,
	TopicForm,
	ZonesForm
} from '$lib/server/dashboard/settings';
import { formAction } from '$lib/server/http/forms';
import { userActor } from '$lib/server/http/session';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => settingsPage(locals.services.db);

export const actions: Actions = {
	addRule: formAction(BotRuleForm, (input, event) =>
		addBotRule(event.locals.services.db, userActor(event), input)
	),
	saveRule: formAction(SaveBotRuleForm, (input, event) =>
		saveBotRule(event.locals.services.db, userActor(event), input)
	),
	toggleRule: formAction(ToggleRuleForm, (input, event) =>
		toggleBotRule(event.locals.services.db, userActor(event), input)
	),
	deleteRule: formAction(IdForm, (input, event) =>
		removeBotRule(event.locals.services.db, userActor(event), input)
	),
	repeat: formAction(RepeatForm, (input, event) =>
		saveRepeatSettings(event.locals.services.db, userActor(event), input)
	),
	zones: formAction(ZonesForm, (input, event) =>
		saveZones(event.locals.services.db, userActor(event), input)
	),
	saveTopic: formAction(TopicForm, (input, event) =>
		saveTopic(event.locals.services.db, userActor(event), input)
	),
	addTopic: formAction(TopicForm, (input, event) =>
		saveTopic(event.locals.services.db, userActor(event), { ...input, original: undefined })
	),
	deleteTopic: formAction(DeleteTopicForm, (input, event) =>
		deleteTopic(event.locals.services.db, userActor(event), input)
	),
	moveTopic: formAction(MoveTopicForm, (input, event) =>
		moveTopic(event.locals.services.db, userActor(event), input)
	),
	addKeyword: formAction(AddKeywordForm, (input, event) =>
		addKeyword(event.locals.services.db, userActor(event), input)
	)
};
