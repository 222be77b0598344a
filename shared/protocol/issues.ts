/** How a schema's first complaint is told to people: "config.timeout: Too big: …". */
import type * as z from '../zod.js';

export function describeIssue(issue: z.core.$ZodIssue | undefined): string {
  if (!issue) return 'invalid';
  return issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message;
}
