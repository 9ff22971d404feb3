package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dagang/dagang/internal/locale"
)

// helpArgs are the calls whose output is help: the binary's, each
// command's and each subcommand's.
var helpArgs = [][]string{{"--help"}, {"agenda", "solve", "--help"}, {"agenda", "print", "--help"},
	{"export", "--help"}, {"import", "deals", "--help"}, {"import", "statistics", "--help"},
	{"partners", "rank", "--help"}, {"delegation", "propose", "--help"}, {"delegation", "simulate", "--help"},
	{"report", "summary", "--help"}, {"report", "deals", "--help"}, {"followups", "--help"},
	{"schedule", "solve", "--help"}, {"schedule", "gen", "--help"}, {"statistics", "coverage", "--help"},
	{"user", "add", "--help"}, {"token", "create", "--help"}, {"backup", "--help"}, {"restore", "--help"},
	{"serve", "--help"}, {"demo", "--help"}, {"migrate", "--help"}, {"version", "--help"}, {"loadtest", "--help"}}

// TestHelpSpeaksOneLanguage prints every help text, and the errors of a
// bad flag value, an unknown flag and a missing file, with DAGANG_LANG id
// and en, and fails when the output of one language holds a text of the
// other language's catalogue or the flag package's English.
func TestHelpSpeaksOneLanguage(t *testing.T) {
	ctx := context.Background()
	for _, c := range commands {
		helpArgs = append(helpArgs, []string{c.name, "--help"})
	}
	missing := filepath.Join(t.TempDir(), "tidak-ada.csv")
	for _, lang := range []string{locale.ID, locale.EN} {
		foreign := foreignStrings(lang)
		env := map[string]string{"DAGANG_LANG": lang}
		check := func(what, out string) {
			t.Helper()
			if strings.TrimSpace(out) == "" {
				t.Errorf("%s (%s): no output", what, lang)
			}
			for _, s := range foreign {
				if strings.Contains(out, s) {
					t.Errorf("%s (%s): %q belongs to the other language:\n%s", what, lang, s, out)
				}
			}
			// The flag package's and the operating system's own words.
			for _, s := range []string{"flag provided but not defined", "for flag -", "flag needs an argument", "no such file", "(default ", "Pemakaian / usage"} {
				if strings.Contains(out, s) {
					t.Errorf("%s (%s): %q in\n%s", what, lang, s, out)
				}
			}
		}
		for _, args := range helpArgs {
			var out, errOut syncBuffer
			if err := run(ctx, args, func(k string) string { return env[k] }, strings.NewReader(""), &out, &errOut); err != nil {
				t.Errorf("%v: %v", args, err)
			}
			check(strings.Join(args, " "), out.String()+errOut.String())
		}
		for _, args := range [][]string{{"report", "summary", "--year", "abc"}, {"report", "summary", "--no-such-flag"},
			{"import", "statistics", missing}, {"no-such-command"}} {
			var out, errOut syncBuffer
			err := run(ctx, args, func(k string) string { return env[k] }, strings.NewReader(""), &out, &errOut)
			if err == nil {
				t.Errorf("%v: no error", args)
				continue
			}
			check(strings.Join(args, " "), errorText(err, lang))
		}
	}
}

// foreignStrings are the catalogue's phrases (two words or more, eight
// characters or more) of the language that is not lang that lang does not
// also use. Single words are left out: commands and flags are English
// words in both languages (statistics, --rotation-mode).
func foreignStrings(lang string) []string {
	other := locale.EN
	if lang == locale.EN {
		other = locale.ID
	}
	mine := map[string]bool{}
	for _, s := range locale.Strings(lang) {
		mine[s] = true
	}
	var out []string
	for _, s := range locale.Strings(other) {
		if len(s) >= 8 && strings.Contains(s, " ") && !mine[s] {
			out = append(out, s)
		}
	}
	return out
}
