package serve

import (
	"bytes"
	_ "embed"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"path"
	"strings"
	"time"

	"github.com/roadmapgen/roadmapgen/internal/diag"
	"github.com/roadmapgen/roadmapgen/internal/render"
)

// Serve's own files live under this prefix, which no built page uses: the
// internal root's top level holds only index.html, the view folders,
// items/, assets/ and roadmap.json.
//
// While the source is broken, the last good build is served under
// lastGoodPrefix: /_roadmapgen/last-good/items/x.html is the last good
// items/x.html, and /_roadmapgen/last-good/public/ the last good public
// page. The built pages link to each other, to their assets and across
// the two roots by relative URLs only, so every link of a page served
// there stays in the last good build, without rewriting the page (and
// without JavaScript).
const (
	ownPrefix  = "/_roadmapgen/"
	eventsPath = ownPrefix + "events"
	scriptPath = ownPrefix + "reload.js"
	stylePath  = ownPrefix + "serve.css"
	// publicPrefix is where the public root is previewed.
	publicPrefix = "/public/"
	// lastGoodPrefix is where the last good build is served while the
	// source is broken; once it is fixed, the addresses under it redirect
	// to the fresh pages.
	lastGoodPrefix = ownPrefix + "last-good"
	// lastGoodQuery, "/items/x.html?last-good", redirects to the same page
	// under lastGoodPrefix while the source is broken, and to the plain
	// page once it is fixed.
	lastGoodQuery = "last-good"
)

// csp allows what the built pages and serve's own script need, and no
// inline script or style: the script and the banners' styles are files.
const csp = "default-src 'self'; img-src 'self' data: https: http:; style-src 'self'; script-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

// Strings, so that nothing can change them.
var (
	//go:embed reload.js
	reloadJS string
	//go:embed serve.css
	serveCSS string
)

// Handler returns the server's HTTP handler.
func (s *Server) Handler() http.Handler { return http.HandlerFunc(s.serveHTTP) }

func (s *Server) serveHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Cache-Control", "no-store") // every save changes pages
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Security-Policy", csp)
	h.Set("Referrer-Policy", "no-referrer")
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		h.Set("Allow", "GET, HEAD")
		http.Error(w, "only GET and HEAD", http.StatusMethodNotAllowed)
		return
	}
	escaped := r.URL.EscapedPath()
	switch escaped {
	case eventsPath:
		s.events(w, r)
		return
	case scriptPath:
		send(w, "text/javascript; charset=utf-8", http.StatusOK, []byte(reloadJS))
		return
	case stylePath:
		send(w, "text/css; charset=utf-8", http.StatusOK, []byte(serveCSS))
		return
	}
	// plain is the page's own address: the request path without
	// lastGoodPrefix.
	plain, lastGood := cutLastGood(escaped)
	if lastGood && plain == "" {
		http.Redirect(w, r, lastGoodPrefix+"/", http.StatusFound)
		return
	}
	root, rel, ok := resolve(plain)
	if !ok {
		http.Error(w, "refused: the path leaves the site or is not a plain path", http.StatusBadRequest)
		return
	}
	st := s.cur.Load()
	// behind says there is a last good build behind the problems.
	behind := st.failed && st.pages != nil
	if _, asked := r.URL.Query()[lastGoodQuery]; asked || lastGood && !behind {
		// One address per page: the last good build's while the source is
		// broken, else the plain one (the reload after a fix lands here).
		to := plain
		if behind {
			to = lastGoodPrefix + plain
		}
		http.Redirect(w, r, to, http.StatusFound)
		return
	}
	reqPath := r.URL.Path
	if lastGood {
		reqPath = strings.TrimPrefix(reqPath, lastGoodPrefix)
	}
	if rel == "" { // "/public"
		to := publicPrefix
		if lastGood {
			to = lastGoodPrefix + publicPrefix
		}
		http.Redirect(w, r, to, http.StatusFound)
		return
	}
	rel = fileOf(rel)
	html := path.Ext(rel) == ".html"
	if html && st.failed && !lastGood {
		send(w, "text/html; charset=utf-8", http.StatusInternalServerError, s.errorPage(st, reqPath))
		return
	}
	if st.pages == nil {
		http.Error(w, "nothing has been built yet", http.StatusServiceUnavailable)
		return
	}
	data, found, err := st.pages.File(root, rel)
	if err != nil {
		// A page failed to render on request: show it like a problem.
		st := *st
		st.failed, st.renderErr, st.problems = true, err, nil
		send(w, "text/html; charset=utf-8", http.StatusInternalServerError, s.errorPage(&st, reqPath))
		return
	}
	if !found {
		if _, dir, _ := st.pages.File(root, rel+"/index.html"); dir && !strings.HasSuffix(rel, "index.html") {
			http.Redirect(w, r, r.URL.Path+"/", http.StatusFound) // relative links need the slash
			return
		}
		if _, ok, _ := st.pages.File(root, rel+".html"); ok && path.Ext(rel) == "" {
			http.Redirect(w, r, r.URL.Path+".html", http.StatusFound) // "/items/x" is the page items/x.html
			return
		}
		// "/items/x/" and "/items/x/index.html" were an item page's address
		// before the page became items/x.html; links to them still work, as
		// the internal site's netlify.toml makes them work on Netlify.
		if base, ok := strings.CutSuffix(rel, "/index.html"); ok {
			if _, ok, _ := st.pages.File(root, base+".html"); ok {
				http.Redirect(w, r, strings.TrimSuffix(strings.TrimSuffix(r.URL.Path, "index.html"), "/")+".html", http.StatusFound)
				return
			}
		}
		send(w, "text/html; charset=utf-8", http.StatusNotFound, s.notFound(st, r.URL.Path))
		return
	}
	if path.Ext(rel) == ".html" {
		var banners []string
		if root == render.RootPublic {
			banners = append(banners, `<div class="roadmapgen-bar roadmapgen-preview" role="note"><strong>Preview</strong> of the public page, served by roadmapgen serve: this banner is not part of the built page.</div>`)
		}
		if st.failed {
			banners = append(banners, fmt.Sprintf(`<div class="roadmapgen-bar roadmapgen-stale" role="alert"><strong>Out of date:</strong> this is the last good build; the source now has %s. <a href="%s">Show the problems</a></div>`,
				template.HTMLEscapeString(diag.Summary(st.problems)), template.HTMLEscapeString(reqPath)))
		}
		data = inject(data, st.gen, banners)
	}
	send(w, contentType(rel), http.StatusOK, data)
}

// cutLastGood splits an escaped request path under lastGoodPrefix into the
// path without it ("" for the prefix alone) and true; any other path is
// returned as it is, with false.
func cutLastGood(escaped string) (plain string, ok bool) {
	rest, ok := strings.CutPrefix(escaped, lastGoodPrefix)
	if !ok || rest != "" && rest[0] != '/' {
		return escaped, false
	}
	return rest, true
}

// resolve maps an escaped request path to a root and a path inside it
// that starts with a slash ("" for "/public" without its slash). It refuses, rather than cleans, anything but a plain path: ".." or
// "." segments, empty segments, backslashes, NUL and encoded slashes. The
// files are looked up in memory, so a refused path is the only way to ask
// for something outside the build, and there is none.
func resolve(escaped string) (root, rel string, ok bool) {
	if !strings.HasPrefix(escaped, "/") {
		return "", "", false
	}
	lower := strings.ToLower(escaped)
	for _, bad := range []string{"%2f", "%5c", "%00", `\`} {
		if strings.Contains(lower, bad) {
			return "", "", false
		}
	}
	p, err := url.PathUnescape(escaped)
	if err != nil || strings.ContainsAny(p, "\x00\\") {
		return "", "", false
	}
	segs := strings.Split(p[1:], "/")
	for i, seg := range segs {
		if seg == "." || seg == ".." || (seg == "" && i < len(segs)-1) {
			return "", "", false
		}
	}
	root = render.RootInternal
	if segs[0] == "public" {
		root, segs = render.RootPublic, segs[1:]
		if len(segs) == 0 {
			return root, "", true // "/public", redirected to "/public/"
		}
	}
	return root, "/" + strings.Join(segs, "/"), true
}

// fileOf turns the path part of resolve's answer into a file path:
// "/releases/x/" is "releases/x/index.html".
func fileOf(rel string) string {
	rel = rel[1:]
	if rel == "" || strings.HasSuffix(rel, "/") {
		rel += "index.html"
	}
	return rel
}

// inject adds serve's stylesheet and reload script before </head> and the
// banners after <body ...>. gen is the rebuild the page belongs to: the
// script reloads when the server reports another.
func inject(page []byte, gen uint64, banners []string) []byte {
	head := fmt.Sprintf("<link rel=\"stylesheet\" href=\"%s\">\n<script src=\"%s\" data-build=\"%d\" defer></script>\n", stylePath, scriptPath, gen)
	var out bytes.Buffer
	out.Grow(len(page) + len(head) + 512)
	rest := page
	if i := indexFold(rest, "</head>"); i >= 0 {
		out.Write(rest[:i])
		out.WriteString(head)
		rest = rest[i:]
	} else {
		out.WriteString(head)
	}
	if i := indexFold(rest, "<body"); i >= 0 && len(banners) > 0 {
		if j := bytes.IndexByte(rest[i:], '>'); j >= 0 {
			out.Write(rest[:i+j+1])
			out.WriteByte('\n')
			out.WriteString(strings.Join(banners, "\n"))
			rest = rest[i+j+1:]
		}
	}
	out.Write(rest)
	return out.Bytes()
}

// indexFold finds an ASCII tag in a page, ignoring case.
func indexFold(page []byte, tag string) int {
	if i := bytes.Index(page, []byte(tag)); i >= 0 {
		return i
	}
	return bytes.Index(bytes.ToLower(page), []byte(tag))
}

func send(w http.ResponseWriter, ctype string, code int, body []byte) {
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Content-Length", fmt.Sprint(len(body)))
	w.WriteHeader(code)
	_, _ = w.Write(body)
}

// contentType names the types a build holds; the table is fixed, so the
// answer does not depend on the machine's MIME database.
func contentType(rel string) string {
	switch strings.ToLower(path.Ext(rel)) {
	case ".html":
		return "text/html; charset=utf-8"
	case ".css":
		return "text/css; charset=utf-8"
	case ".js":
		return "text/javascript; charset=utf-8"
	case ".json":
		return "application/json"
	case ".svg":
		return "image/svg+xml"
	case ".png":
		return "image/png"
	case ".jpg", ".jpeg":
		return "image/jpeg"
	case ".gif":
		return "image/gif"
	case ".webp":
		return "image/webp"
	case ".ico":
		return "image/x-icon"
	case ".woff2":
		return "font/woff2"
	case ".woff":
		return "font/woff"
	case ".txt":
		return "text/plain; charset=utf-8"
	}
	return "application/octet-stream"
}

// events is the reload stream (server-sent events): the current rebuild
// number at once, then each new one. A page reloads when the number
// differs from its own, so a rebuild between the page load and the
// stream's start is not missed.
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	// The page the stream belongs to, so that a rebuild renders it before
	// the page reloads (a last good page reloads to it once the source is
	// fixed). A path that does not resolve counts for nothing.
	page, _ := cutLastGood(r.URL.Query().Get("page"))
	if root, rel, ok := resolve(page); ok && rel != "" {
		page := render.Path{Root: root, Path: fileOf(rel)}
		s.view(page, 1)
		defer s.view(page, -1)
	}
	w.Header().Set("Content-Type", "text/event-stream")
	w.WriteHeader(http.StatusOK)
	_, _ = fmt.Fprint(w, "retry: 500\n\n")
	ping := time.NewTicker(15 * time.Second) // notices a closed tab
	defer ping.Stop()
	for {
		next := s.wait() // before reading the state, so no rebuild slips between
		if _, err := fmt.Fprintf(w, "event: build\ndata: %d\n\n", s.cur.Load().gen); err != nil {
			return
		}
		flusher.Flush()
	idle:
		for {
			select {
			case <-r.Context().Done():
				return
			case <-next:
				break idle
			case <-ping.C:
				if _, err := fmt.Fprint(w, ": ping\n\n"); err != nil {
					return
				}
				flusher.Flush()
			}
		}
	}
}
