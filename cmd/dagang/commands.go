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
	{"serve", "jalankan aplikasi web dan API / run the web application and API", cmdServe},
	{"demo", "buat basis data cerita Kalsel 2019 lalu jalankan / create the 2019 Kalsel demo and serve it", cmdDemo},
	{"migrate", "perbarui skema basis data / migrate the database schema", cmdMigrate},
	{"report", "laporan (summary, deals, flows, stages) / reports", cmdReport},
	{"followups", "tindak lanjut transaksi yang jatuh tempo / deal follow-ups due", cmdFollowups},
	{"export", "ekspor transaksi ke Excel, CSV atau PDF / export deals", cmdExport},
	{"version", "versi program / print the version", cmdVersion},
	{"schedule", "jadwal pertemuan bisnis (B2B) / meeting scheduling", cmdSchedule},
	{"agenda", "jadwalkan dan cetak agenda pertemuan kegiatan / schedule and print an event's meeting agenda", cmdAgenda},
	{"import", "impor statistik (CSV) / import statistics", cmdImport},
	{"partners", "peringkat calon provinsi mitra / rank partner provinces", cmdPartners},
	{"statistics", "cakupan data statistik / statistics coverage", cmdStatistics},
	{"delegation", "usulan dan simulasi delegasi / delegation proposal and simulation", cmdDelegation},
	{"user", "akun pengguna / user accounts", cmdUser},
	{"token", "token API untuk skrip / API tokens for scripts", cmdToken},
	{"backup", "cadangkan basis data (aman saat server berjalan) / back up the database", cmdBackup},
	{"restore", "pulihkan basis data dari cadangan / restore the database from a backup", cmdRestore},
	{"loadtest", "uji beban server di 127.0.0.1 / load test a local server", cmdLoadtest},
}
