"use client";

// Catches what the console layout itself throws (its session lookup needs DynamoDB too).
export { PageError as default } from "@/components/page-error";
