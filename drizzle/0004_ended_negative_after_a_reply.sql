DROP INDEX `conversation_scores_list_negative_end_idx`;--> statement-breakpoint
CREATE INDEX `conversation_scores_list_negative_end_idx` ON `conversation_scores` (`started_at`,`conversation_id`,`handler`,`channel`,`topic`,`source_id`,`flags`) WHERE customer_turns > 1 AND sentiment_end < -0.05;--> statement-breakpoint
ALTER TABLE `rollup_weekly` ADD `ending_known` integer DEFAULT 0 NOT NULL;