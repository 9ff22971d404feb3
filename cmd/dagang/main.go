// Command dagang runs the inter-regional trade cooperation system of a
// regional trade office: the web application, the JSON API and every batch
// job (imports, reports, scheduling, backups) in one binary.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Getenv, os.Stdin, os.Stdout, os.Stderr); err != nil {
		var ue usageError
		if errors.As(err, &ue) {
			fmt.Fprintln(os.Stderr, "dagang:", err)
			os.Exit(2)
		}
		fmt.Fprintln(os.Stderr, "dagang:", err)
		os.Exit(1)
	}
}

// env is what every subcommand receives: the process's outside world, read
// once in run and passed down.
type env struct {
	getenv func(string) string
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	// ready, when not nil, receives the address the server listens on as
	// soon as it does: what a test waits for instead of reading stdout.
	ready chan<- string
}

// errHelp is returned by parseFlags when --help was asked for; run treats it
// as success.
var errHelp = errors.New("help requested")

// usageError marks a mistake in how the command was called (exit status 2).
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	return runEnv(ctx, env{getenv: getenv, stdin: stdin, stdout: stdout, stderr: stderr}, args)
}

func runEnv(ctx context.Context, e env, args []string) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		printUsage(e.stdout)
		return nil
	}
	for _, c := range commands {
		if c.name == args[0] {
			err := c.run(ctx, e, args[1:])
			if errors.Is(err, errHelp) {
				return nil
			}
			return err
		}
	}
	printUsage(e.stderr)
	return usageError{fmt.Sprintf("perintah tidak dikenal %q (unknown command)", args[0])}
}

func printUsage(w io.Writer) {
	fmt.Fprintln(w, "dagang: sistem kerja sama perdagangan antardaerah (inter-regional trade cooperation)")
	fmt.Fprintln(w, "\nPemakaian / usage: dagang <perintah> [opsi]\n\nPerintah / commands:")
	for _, c := range commands {
		fmt.Fprintf(w, "  %-12s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\n'dagang <perintah> --help' menampilkan opsi setiap perintah.")
}
