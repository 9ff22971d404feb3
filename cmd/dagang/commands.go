package main

import "context"

// command is one subcommand of the binary.
type command struct {
	name string // its summary is the catalogue message cli.cmd.NAME
	run  func(ctx context.Context, e env, args []string) error
}

// commands lists every subcommand, in the order --help shows them.
var commands = []command{
	{"serve", cmdServe},
	{"demo", cmdDemo},
	{"migrate", cmdMigrate},
	{"report", cmdReport},
	{"followups", cmdFollowups},
	{"export", cmdExport},
	{"version", cmdVersion},
	{"schedule", cmdSchedule},
	{"agenda", cmdAgenda},
	{"import", cmdImport},
	{"partners", cmdPartners},
	{"statistics", cmdStatistics},
	{"delegation", cmdDelegation},
	{"office", cmdOffice},
	{"user", cmdUser},
	{"token", cmdToken},
	{"backup", cmdBackup},
	{"restore", cmdRestore},
	{"loadtest", cmdLoadtest},
}
