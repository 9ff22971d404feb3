// Command dagang runs the inter-regional trade cooperation system of a
// regional trade office: the web application, the JSON API and every batch
// job (imports, reports, scheduling, backups) in one binary.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/dagang/dagang/internal/locale"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Getenv, os.Stdin, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "dagang:", errorText(err, locale.Of(os.Getenv("DAGANG_LANG"))))
		var ue usageError
		if errors.As(err, &ue) {
			os.Exit(2)
		}
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
	lang  string // locale.ID or locale.EN, from DAGANG_LANG
}

// say renders the catalogue message key in the language of the command
// line.
func (e env) say(key string, args ...any) string { return locale.Msg(e.lang, key, args...) }

// usage returns a usageError with the catalogue message key.
func (e env) usage(key string, args ...any) usageError { return usageError{e.say(key, args...)} }

// errorText writes err for the terminal in lang: the operating system's
// words for a missing or forbidden file are replaced by the catalogue's.
func errorText(err error, lang string) string {
	s := err.Error()
	var pe *fs.PathError
	if errors.As(err, &pe) {
		var what string
		switch {
		case errors.Is(pe.Err, fs.ErrNotExist):
			what = locale.Msg(lang, "cli.path.not_exist", pe.Path)
		case errors.Is(pe.Err, fs.ErrPermission):
			what = locale.Msg(lang, "cli.path.permission", pe.Path)
		case errors.Is(pe.Err, fs.ErrExist):
			what = locale.Msg(lang, "cli.path.exist", pe.Path)
		default:
			what = locale.Msg(lang, "cli.path.other", pe.Path, pe.Err)
		}
		s = strings.Replace(s, pe.Error(), what, 1)
	}
	return s
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
	if e.lang == "" {
		e.lang = locale.Of(e.getenv("DAGANG_LANG"))
	}
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		printUsage(e, e.stdout)
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
	printUsage(e, e.stderr)
	return e.usage("cli.unknown", args[0])
}

func printUsage(e env, w io.Writer) {
	fmt.Fprintln(w, e.say("cli.title"))
	fmt.Fprintf(w, "\n%s\n\n%s\n", e.say("cli.usage", "dagang <"+e.say("cli.word.command")+"> ["+e.say("cli.word.options")+"]"), e.say("cli.commands"))
	for _, c := range commands {
		fmt.Fprintf(w, "  %-12s %s\n", c.name, e.say("cli.cmd."+c.name))
	}
	fmt.Fprintln(w, "\n"+e.say("cli.more"))
}
