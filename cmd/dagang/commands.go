package main

import "context"

// command is one subcommand of the binary.
type command struct {
	name    string
	summary string
	run     func(ctx context.Context, e env, args []string) error
}

// commands lists every subcommand, in the order --help shows them.
var commands = []command{
	{"version", "versi program / print the version", cmdVersion},
	{"schedule", "jadwal pertemuan bisnis (B2B) / meeting scheduling", cmdSchedule},
}
