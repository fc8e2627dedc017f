/** Inserted after `@`: the text still reads `@name`, but GitHub and GitLab no longer see a mention. */
export const ZERO_WIDTH_SPACE = '\u200b';
