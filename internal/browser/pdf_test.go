package browser

import (
	"fmt"
	"strings"
	"testing"
)

// pdfDoc builds a small PDF with n page objects; extra is added to the page
// tree root's dictionary and tail is appended before the trailer.
func pdfDoc(pages int, count string, tail string) []byte {
	var b strings.Builder
	b.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	b.WriteString("1 0 obj\n<</Type /Catalog\n/Pages 2 0 R>>\nendobj\n")
	kids := make([]string, pages)
	for i := range pages {
		kids[i] = fmt.Sprintf("%d 0 R", 3+i)
	}
	fmt.Fprintf(&b, "2 0 obj\n<</Type /Pages\n/Count %s\n/Kids [%s]>>\nendobj\n", count, strings.Join(kids, " "))
	for i := range pages {
		fmt.Fprintf(&b, "%d 0 obj\n<</Type /Page\n/Resources <</ProcSet [/PDF /Text]\n/ExtGState <</G3 <</Type /ExtGState /ca 1>>>>>>\n/MediaBox [0 0 594.95996 841.91998]\n/Group <</Type /Group\n/S /Transparency>>\n/Parent 2 0 R\n/Contents %d 0 R>>\nendobj\n", 3+i, 100+i)
		content := "BT /F1 12 Tf (/Type /Page) Tj ET\n"
		fmt.Fprintf(&b, "%d 0 obj\n<</Length %d>> stream\n%sendstream\nendobj\n", 100+i, len(content), content)
	}
	b.WriteString(tail)
	b.WriteString("trailer\n<</Size 9\n/Root 1 0 R>>\n%%EOF\n")
	return []byte(b.String())
}

func TestPDFPages(t *testing.T) {
	tests := []struct {
		name    string
		pdf     []byte
		want    int
		wantErr string
	}{
		{"one page", pdfDoc(1, "1", ""), 1, ""},
		{"three pages", pdfDoc(3, "3", ""), 3, ""},
		{"no spaces", []byte("%PDF-1.7\n1 0 obj<</Type/Pages/Count 2/Kids[2 0 R 3 0 R]>>endobj 2 0 obj<</Type/Page/Parent 1 0 R>>endobj 3 0 obj<</Type/Page/Parent 1 0 R>>endobj\n%%EOF"), 2, ""},
		{"nested page tree", []byte("%PDF-1.7\n1 0 obj <</Type /Pages /Kids [2 0 R] /Count 2>> endobj\n2 0 obj <</Type /Pages /Parent 1 0 R /Kids [3 0 R 4 0 R] /Count 2>> endobj\n3 0 obj <</Type /Page /Parent 2 0 R>> endobj\n4 0 obj <</Type /Page /Parent 2 0 R>> endobj\n"), 2, ""},
		{"page objects only", []byte("%PDF-1.4\n3 0 obj\n<</Type /Page>>\nendobj\n4 0 obj\n<</Type /Page>>\nendobj\n"), 2, ""},
		// A stream whose data holds the bytes of a page dictionary, with no
		// usable /Length: the data is skipped up to endstream.
		{"stream data skipped", pdfDoc(1, "1", "9 0 obj\n<</Length 8 0 R>>\nstream\n<</Type /Page>> endobj 7 0 obj <</Type /Page>>\nendstream\nendobj\n"), 1, ""},
		// An incremental update that redefines the page tree and adds a page.
		{"later definition wins", pdfDoc(1, "1", "2 0 obj\n<</Type /Pages /Count 2 /Kids [3 0 R 50 0 R]>>\nendobj\n50 0 obj\n<</Type /Page /Parent 2 0 R>>\nendobj\n"), 2, ""},
		{"mismatch", pdfDoc(2, "3", ""), 0, "2 page objects but its page tree counts 3"},
		{"not a pdf", []byte("<html>"), 0, "not a PDF"},
		{"no pages", []byte("%PDF-1.5\n1 0 obj <</Type /ObjStm /N 4 /First 20 /Length 3>> stream\nabc\nendstream endobj\n"), 0, "no page objects"},
		{"empty", nil, 0, "not a PDF"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := PDFPages(tc.pdf)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("PDFPages() = %d, %v; want an error with %q", got, err, tc.wantErr)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Fatalf("PDFPages() = %d, %v; want %d", got, err, tc.want)
			}
		})
	}
}

func FuzzPDFPages(f *testing.F) {
	f.Add(pdfDoc(2, "2", ""))
	f.Add([]byte("%PDF-1.7\n1 0 obj<</Type/Pages/Count 2>>endobj 2 0 obj <</Length 99999>> stream\n"))
	f.Fuzz(func(t *testing.T, pdf []byte) {
		n, err := PDFPages(pdf)
		if err == nil && n < 0 {
			t.Fatalf("PDFPages() = %d", n)
		}
	})
}
