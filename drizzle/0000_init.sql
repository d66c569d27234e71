CREATE TABLE `imports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`source_id` integer,
	`file_name` text NOT NULL,
	`format` text,
	`size_bytes` integer DEFAULT 0 NOT NULL,
	`sha256` text,
	`started_at` integer NOT NULL,
	`finished_at` integer,
	`status` text DEFAULT 'running' NOT NULL,
	`records_read` integer DEFAULT 0 NOT NULL,
	`records_imported` integer DEFAULT 0 NOT NULL,
	`records_duplicate` integer DEFAULT 0 NOT NULL,
	`records_rejected` integer DEFAULT 0 NOT NULL,
	`conversations_created` integer DEFAULT 0 NOT NULL,
	`conversations_updated` integer DEFAULT 0 NOT NULL,
	`messages_imported` integer DEFAULT 0 NOT NULL,
	`encoding` text,
	`error` text,
	`pid` integer,
	`bytes_read` integer DEFAULT 0 NOT NULL,
	`job` text,
	`options` text,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `imports_started_idx` ON `imports` (`started_at`);--> statement-breakpoint
CREATE INDEX `imports_job_idx` ON `imports` (`job`);--> statement-breakpoint
CREATE TABLE `rejects` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`import_id` integer NOT NULL,
	`locator` text NOT NULL,
	`reason` text NOT NULL,
	`raw` text DEFAULT '' NOT NULL,
	FOREIGN KEY (`import_id`) REFERENCES `imports`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `rejects_import_idx` ON `rejects` (`import_id`);--> statement-breakpoint
CREATE TABLE `sources` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`tool` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sources_name_unique` ON `sources` (`name`);--> statement-breakpoint
CREATE TABLE `conversation_changes` (
	`conversation_id` integer PRIMARY KEY NOT NULL,
	FOREIGN KEY (`conversation_id`) REFERENCES `conversations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `conversations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`source_id` integer NOT NULL,
	`external_id` text NOT NULL,
	`channel` text NOT NULL,
	`customer_id` integer,
	`identities` text NOT NULL,
	`customer_name` text,
	`started_at` integer NOT NULL,
	`ended_at` integer,
	`status` text,
	`tags` text NOT NULL,
	`assignee` text,
	`team` text,
	`csat_offered` integer DEFAULT false NOT NULL,
	`csat_value` text,
	`csat_scale` text,
	`csat_comment` text,
	`csat_answered_at` integer,
	`handler` text NOT NULL,
	`message_count` integer DEFAULT 0 NOT NULL,
	`source_hash` text NOT NULL,
	`revision` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `conversations_source_external_uq` ON `conversations` (`source_id`,`external_id`);--> statement-breakpoint
CREATE INDEX `conversations_started_idx` ON `conversations` (`started_at`);--> statement-breakpoint
CREATE INDEX `conversations_customer_started_idx` ON `conversations` (`customer_id`,`started_at`);--> statement-breakpoint
CREATE TABLE `customer_identities` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`customer_id` integer NOT NULL,
	`kind` text NOT NULL,
	`value` text NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `customer_identities_kind_value_uq` ON `customer_identities` (`kind`,`value`);--> statement-breakpoint
CREATE INDEX `customer_identities_customer_idx` ON `customer_identities` (`customer_id`);--> statement-breakpoint
CREATE TABLE `customers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text
);
--> statement-breakpoint
CREATE TABLE `messages` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`conversation_id` integer NOT NULL,
	`key` text NOT NULL,
	`role` text NOT NULL,
	`role_origin` text NOT NULL,
	`author_id` text,
	`author_name` text,
	`created_at` integer NOT NULL,
	`body` text NOT NULL,
	`is_public` integer NOT NULL,
	`sentiment` real,
	FOREIGN KEY (`conversation_id`) REFERENCES `conversations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `messages_conversation_key_uq` ON `messages` (`conversation_id`,`key`);--> statement-breakpoint
CREATE TABLE `search_pending` (
	`conversation_id` integer PRIMARY KEY NOT NULL,
	`replace` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`conversation_id`) REFERENCES `conversations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `bot_rules` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`pattern` text NOT NULL,
	`tool` text,
	`enabled` integer DEFAULT true NOT NULL,
	`note` text
);
--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `alert_rules` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`measure` text NOT NULL,
	`handlers` text,
	`channels` text,
	`topics` text,
	`sources` text,
	`min_effect` real NOT NULL,
	`min_sample` integer NOT NULL,
	`max_q` real DEFAULT 0.05 NOT NULL,
	`severity` text NOT NULL,
	`recipients` text NOT NULL,
	`enabled` integer DEFAULT true NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `alerts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`rule_id` integer,
	`rule_name` text NOT NULL,
	`severity` text NOT NULL,
	`measure` text NOT NULL,
	`segment_key` text NOT NULL,
	`segment` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`fired_week` text NOT NULL,
	`last_seen_week` text NOT NULL,
	`fired_at` integer NOT NULL,
	`finding` text NOT NULL,
	`latest_finding` text NOT NULL,
	`resolved_week` text,
	`resolved_at` integer,
	`resolved_value` text,
	`acknowledged_at` integer,
	`acknowledged_by` text,
	`acknowledge_note` text,
	`fired_notice` text DEFAULT 'pending' NOT NULL,
	`resolved_notice` text,
	FOREIGN KEY (`rule_id`) REFERENCES `alert_rules`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `alerts_rule_segment_week_uq` ON `alerts` (`rule_id`,`segment_key`,`fired_week`);--> statement-breakpoint
CREATE UNIQUE INDEX `alerts_one_open_uq` ON `alerts` (`rule_id`,`segment_key`) WHERE "alerts"."status" = 'open';--> statement-breakpoint
CREATE INDEX `alerts_fired_at_idx` ON `alerts` (`fired_at`);--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`dedupe_key` text NOT NULL,
	`kind` text NOT NULL,
	`alert_id` integer,
	`week` text NOT NULL,
	`subject` text NOT NULL,
	`from_address` text NOT NULL,
	`recipients` text NOT NULL,
	`message_id` text NOT NULL,
	`raw` blob NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`claim_token` text,
	`claimed_until` integer,
	`last_error` text,
	`sent_at` integer,
	`delivered_via` text,
	`delivery_response` text,
	FOREIGN KEY (`alert_id`) REFERENCES `alerts`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_dedupe_key_unique` ON `outbox` (`dedupe_key`);--> statement-breakpoint
CREATE INDEX `outbox_due_idx` ON `outbox` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `outbox_created_idx` ON `outbox` (`created_at`);--> statement-breakpoint
CREATE TABLE `api_tokens` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`token_hash` text NOT NULL,
	`prefix` text NOT NULL,
	`scope` text NOT NULL,
	`created_by` integer,
	`created_at` integer NOT NULL,
	`last_used_at` integer,
	`revoked_at` integer,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_tokens_hash_uq` ON `api_tokens` (`token_hash`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` integer NOT NULL,
	`actor_user_id` integer,
	`actor` text NOT NULL,
	`action` text NOT NULL,
	`target` text,
	`detail` text,
	`address` text,
	FOREIGN KEY (`actor_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `audit_log_at_idx` ON `audit_log` (`at`);--> statement-breakpoint
CREATE INDEX `audit_log_action_idx` ON `audit_log` (`action`);--> statement-breakpoint
CREATE TABLE `login_failures` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`key` text NOT NULL,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `login_failures_key_at_idx` ON `login_failures` (`key`,`at`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` integer NOT NULL,
	`created_at` integer NOT NULL,
	`last_seen_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `sessions_user_idx` ON `sessions` (`user_id`);--> statement-breakpoint
CREATE INDEX `sessions_expires_idx` ON `sessions` (`expires_at`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`email` text NOT NULL,
	`name` text,
	`role` text NOT NULL,
	`password_hash` text NOT NULL,
	`created_at` integer NOT NULL,
	`password_changed_at` integer NOT NULL,
	`last_login_at` integer,
	`disabled_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_uq` ON `users` (`email`);--> statement-breakpoint
CREATE TABLE `conversation_scores` (
	`conversation_id` integer PRIMARY KEY NOT NULL,
	`revision` integer NOT NULL,
	`week` text NOT NULL,
	`topic` text NOT NULL,
	`topic_origin` text NOT NULL,
	`customer_messages` integer NOT NULL,
	`customer_turns` integer NOT NULL,
	`sentiment_start` real,
	`sentiment_end` real,
	`sentiment_delta` real,
	`sentiment_min` real,
	`csat_offered` integer DEFAULT false NOT NULL,
	`csat_score` real,
	`csat_top2` integer DEFAULT false NOT NULL,
	`first_response_seconds` real,
	`resolution_seconds` real,
	`escalation_eligible` integer DEFAULT false NOT NULL,
	`escalated` integer DEFAULT false NOT NULL,
	`repeated_after_handoff` integer DEFAULT false NOT NULL,
	`silent_end` integer DEFAULT false NOT NULL,
	`abandoned` integer DEFAULT false NOT NULL,
	`asked_for_human` integer DEFAULT false NOT NULL,
	`repeated_question` integer DEFAULT false NOT NULL,
	`profanity` integer DEFAULT false NOT NULL,
	`shouting` integer DEFAULT false NOT NULL,
	`useless_phrase` integer DEFAULT false NOT NULL,
	`ai_loop` integer DEFAULT false NOT NULL,
	`frustrated` integer DEFAULT false NOT NULL,
	`contact_end_at` integer NOT NULL,
	`repeat_due_at` integer NOT NULL,
	`repeat_next_id` integer,
	`started_at` integer NOT NULL,
	`handler` text NOT NULL,
	`channel` text NOT NULL,
	`source_id` integer NOT NULL,
	`flags` integer GENERATED ALWAYS AS ((asked_for_human * 1) + (repeated_question * 2) + (profanity * 4) + (shouting * 8) + (useless_phrase * 16) + (ai_loop * 32) + (abandoned * 64) + (escalated * 128) + (CASE WHEN csat_offered = 0 THEN 256 WHEN csat_score IS NULL THEN 512 WHEN csat_top2 = 1 THEN 1024 ELSE 2048 END)) VIRTUAL,
	FOREIGN KEY (`conversation_id`) REFERENCES `conversations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `conversation_scores_week_idx` ON `conversation_scores` (`week`);--> statement-breakpoint
CREATE INDEX `conversation_scores_due_idx` ON `conversation_scores` (`repeat_due_at`);--> statement-breakpoint
CREATE INDEX `conversation_scores_list_time_idx` ON `conversation_scores` (`started_at`,`conversation_id`,`handler`,`channel`,`topic`,`source_id`,`flags`);--> statement-breakpoint
CREATE INDEX `conversation_scores_list_handler_idx` ON `conversation_scores` (`handler`,`started_at`,`conversation_id`,`channel`,`topic`,`source_id`,`flags`);--> statement-breakpoint
CREATE INDEX `conversation_scores_list_channel_idx` ON `conversation_scores` (`channel`,`started_at`,`conversation_id`,`handler`,`topic`,`source_id`,`flags`);--> statement-breakpoint
CREATE INDEX `conversation_scores_list_topic_idx` ON `conversation_scores` (`topic`,`started_at`,`conversation_id`,`handler`,`channel`,`source_id`,`flags`);--> statement-breakpoint
CREATE INDEX `conversation_scores_list_source_idx` ON `conversation_scores` (`source_id`,`started_at`,`conversation_id`,`handler`,`channel`,`topic`,`flags`);--> statement-breakpoint
CREATE INDEX `conversation_scores_list_asked_for_human_idx` ON `conversation_scores` (`started_at`,`conversation_id`,`handler`,`channel`,`topic`,`source_id`,`flags`) WHERE asked_for_human = 1;--> statement-breakpoint
CREATE INDEX `conversation_scores_list_repeated_question_idx` ON `conversation_scores` (`started_at`,`conversation_id`,`handler`,`channel`,`topic`,`source_id`,`flags`) WHERE repeated_question = 1;--> statement-breakpoint
CREATE INDEX `conversation_scores_list_profanity_idx` ON `conversation_scores` (`started_at`,`conversation_id`,`handler`,`channel`,`topic`,`source_id`,`flags`) WHERE profanity = 1;--> statement-breakpoint
CREATE INDEX `conversation_scores_list_shouting_idx` ON `conversation_scores` (`started_at`,`conversation_id`,`handler`,`channel`,`topic`,`source_id`,`flags`) WHERE shouting = 1;--> statement-breakpoint
CREATE INDEX `conversation_scores_list_useless_phrase_idx` ON `conversation_scores` (`started_at`,`conversation_id`,`handler`,`channel`,`topic`,`source_id`,`flags`) WHERE useless_phrase = 1;--> statement-breakpoint
CREATE INDEX `conversation_scores_list_ai_loop_idx` ON `conversation_scores` (`started_at`,`conversation_id`,`handler`,`channel`,`topic`,`source_id`,`flags`) WHERE ai_loop = 1;--> statement-breakpoint
CREATE INDEX `conversation_scores_list_abandoned_idx` ON `conversation_scores` (`started_at`,`conversation_id`,`handler`,`channel`,`topic`,`source_id`,`flags`) WHERE abandoned = 1;--> statement-breakpoint
CREATE INDEX `conversation_scores_list_escalated_idx` ON `conversation_scores` (`started_at`,`conversation_id`,`handler`,`channel`,`topic`,`source_id`,`flags`) WHERE escalated = 1;--> statement-breakpoint
CREATE TABLE `derivation_state` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `topics` (
	`name` text PRIMARY KEY NOT NULL,
	`label` text NOT NULL,
	`keywords` text NOT NULL,
	`tags` text NOT NULL,
	`position` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `rollup_dirty_weeks` (
	`week` text PRIMARY KEY NOT NULL
);
--> statement-breakpoint
CREATE TABLE `rollup_weekly` (
	`id` integer PRIMARY KEY NOT NULL,
	`week` text NOT NULL,
	`handler` text NOT NULL,
	`channel` text NOT NULL,
	`topic` text NOT NULL,
	`source` text NOT NULL,
	`conversations` integer DEFAULT 0 NOT NULL,
	`messages` integer DEFAULT 0 NOT NULL,
	`csat_offered` integer DEFAULT 0 NOT NULL,
	`csat_answered` integer DEFAULT 0 NOT NULL,
	`csat_top2` integer DEFAULT 0 NOT NULL,
	`csat_sum` real DEFAULT 0 NOT NULL,
	`csat_sum_sq` real DEFAULT 0 NOT NULL,
	`sentiment_n` integer DEFAULT 0 NOT NULL,
	`sentiment_start_sum` real DEFAULT 0 NOT NULL,
	`sentiment_end_sum` real DEFAULT 0 NOT NULL,
	`sentiment_end_sum_sq` real DEFAULT 0 NOT NULL,
	`sentiment_delta_sum` real DEFAULT 0 NOT NULL,
	`sentiment_min_sum` real DEFAULT 0 NOT NULL,
	`negative_end` integer DEFAULT 0 NOT NULL,
	`repeat_contacts` integer DEFAULT 0 NOT NULL,
	`repeat_eligible` integer DEFAULT 0 NOT NULL,
	`escalation_eligible` integer DEFAULT 0 NOT NULL,
	`escalations` integer DEFAULT 0 NOT NULL,
	`repeated_after_handoff` integer DEFAULT 0 NOT NULL,
	`abandonments` integer DEFAULT 0 NOT NULL,
	`frustrated` integer DEFAULT 0 NOT NULL,
	`asked_for_human` integer DEFAULT 0 NOT NULL,
	`repeated_question` integer DEFAULT 0 NOT NULL,
	`profanity` integer DEFAULT 0 NOT NULL,
	`shouting` integer DEFAULT 0 NOT NULL,
	`useless_phrase` integer DEFAULT 0 NOT NULL,
	`ai_loop` integer DEFAULT 0 NOT NULL,
	`first_response_n` integer DEFAULT 0 NOT NULL,
	`first_response_sum` real DEFAULT 0 NOT NULL,
	`resolution_n` integer DEFAULT 0 NOT NULL,
	`resolution_sum` real DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `rollup_weekly_cell_uq` ON `rollup_weekly` (`week`,`handler`,`channel`,`topic`,`source`);--> statement-breakpoint
CREATE TABLE `column_mappings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`source` text NOT NULL,
	`signature` text NOT NULL,
	`headers` text NOT NULL,
	`mapping` text NOT NULL,
	`updated_at` integer NOT NULL,
	`updated_by` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `column_mappings_source_signature_uq` ON `column_mappings` (`source`,`signature`);--> statement-breakpoint
CREATE TABLE `jobs` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`label` text NOT NULL,
	`actor` text NOT NULL,
	`status` text DEFAULT 'running' NOT NULL,
	`error` text,
	`started_at` integer NOT NULL,
	`finished_at` integer,
	`pid` integer,
	`size_bytes` integer,
	`result` text
);
--> statement-breakpoint
CREATE INDEX `jobs_started_idx` ON `jobs` (`started_at`);--> statement-breakpoint
CREATE INDEX `jobs_status_idx` ON `jobs` (`status`);