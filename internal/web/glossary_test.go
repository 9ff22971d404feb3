package web_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/dagang/dagang/internal/web"
)

// TestGlossary: every role finds the glossary in the menu and reads it in
// its language.
func TestGlossary(t *testing.T) {
	e := newPagesEnv(t)
	for _, role := range web.AllRoles {
		status, _, body := e.do(t, role, "GET", "/glosarium", nil)
		if status != http.StatusOK || !strings.Contains(body, `<h1>Glosarium</h1>`) || !strings.Contains(body, "Rotasi") || !strings.Contains(body, `href="/glosarium" aria-current="page"`) {
			t.Errorf("%s: %d\n%.2000s", role, status, body)
		}
	}
	if _, _, body := e.do(t, web.AllRoles[0], "GET", "/glosarium?lang=en", nil); !strings.Contains(body, "<h1>Glossary</h1>") || !strings.Contains(body, "Rotation") || strings.Contains(body, "Rotasi") {
		t.Errorf("English glossary:\n%.2000s", body)
	}
}
