package datelike

import (
	"strconv"
	"unicode"
)

// Characters drawn as a decorated number or a styled Latin letter, which a
// reader reads as that number or letter. TestForms checks both tables,
// rune by rune, against testdata/forms.txt, which Python's unicodedata
// generated from each character's NFKC form (or, for the circled numbers
// that have none, from its numeric value).

// numberForms are the numbers drawn as a decorated number: lo to hi stand
// for from, from+1 and so on, and the copy holds pre, the number in ASCII
// digits and post, as NFKC writes them ("⑳" is "20", "⑴" is "(1)", "⒈"
// is "1.").
var numberForms = [...]struct {
	lo, hi    rune
	from      int
	pre, post string
}{
	{0x00b2, 0x00b3, 2, "", ""},    // ² ³ SUPERSCRIPT TWO, THREE
	{0x00b9, 0x00b9, 1, "", ""},    // ¹ SUPERSCRIPT ONE
	{0x2070, 0x2070, 0, "", ""},    // ⁰ SUPERSCRIPT ZERO
	{0x2074, 0x2079, 4, "", ""},    // ⁴ to ⁹ SUPERSCRIPT FOUR to NINE
	{0x2080, 0x2089, 0, "", ""},    // ₀ to ₉ SUBSCRIPT ZERO to NINE
	{0x2460, 0x2473, 1, "", ""},    // ① to ⑳ CIRCLED DIGIT ONE to NUMBER TWENTY
	{0x2474, 0x2487, 1, "(", ")"},  // ⑴ to ⒇ PARENTHESIZED DIGIT ONE to NUMBER TWENTY
	{0x2488, 0x249b, 1, "", "."},   // ⒈ to ⒛ DIGIT ONE to NUMBER TWENTY FULL STOP
	{0x24ea, 0x24ea, 0, "", ""},    // ⓪ CIRCLED DIGIT ZERO
	{0x24eb, 0x24f4, 11, "", ""},   // ⓫ to ⓴ NEGATIVE CIRCLED NUMBER ELEVEN to TWENTY
	{0x24f5, 0x24fe, 1, "", ""},    // ⓵ to ⓾ DOUBLE CIRCLED DIGIT ONE to NUMBER TEN
	{0x24ff, 0x24ff, 0, "", ""},    // ⓿ NEGATIVE CIRCLED DIGIT ZERO
	{0x2776, 0x277f, 1, "", ""},    // ❶ to ❿ DINGBAT NEGATIVE CIRCLED DIGIT ONE to NUMBER TEN
	{0x2780, 0x2789, 1, "", ""},    // ➀ to ➉ DINGBAT CIRCLED SANS-SERIF DIGIT ONE to NUMBER TEN
	{0x278a, 0x2793, 1, "", ""},    // ➊ to ➓ DINGBAT NEGATIVE CIRCLED SANS-SERIF DIGIT ONE to NUMBER TEN
	{0x3251, 0x325f, 21, "", ""},   // ㉑ to ㉟ CIRCLED NUMBER TWENTY ONE to THIRTY FIVE
	{0x32b1, 0x32bf, 36, "", ""},   // ㊱ to ㊿ CIRCLED NUMBER THIRTY SIX to FIFTY
	{0x1f100, 0x1f100, 0, "", "."}, // 🄀 DIGIT ZERO FULL STOP
	{0x1f101, 0x1f10a, 0, "", ","}, // 🄁 to 🄊 DIGIT ZERO to NINE COMMA
	{0x1f10b, 0x1f10b, 0, "", ""},  // 🄋 DINGBAT CIRCLED SANS-SERIF DIGIT ZERO
	{0x1f10c, 0x1f10c, 0, "", ""},  // 🄌 DINGBAT NEGATIVE CIRCLED SANS-SERIF DIGIT ZERO
}

// numberTexts holds the copy's text for each rune of numberForms, built
// once so that reading one allocates nothing.
var numberTexts = func() [len(numberForms)][]string {
	var t [len(numberForms)][]string
	for k, f := range numberForms {
		for r := f.lo; r <= f.hi; r++ {
			t[k] = append(t[k], f.pre+strconv.Itoa(f.from+int(r-f.lo))+f.post)
		}
	}
	return t
}()

// numberForm returns the copy's text for r if r is one of numberForms,
// else "".
func numberForm(r rune) string {
	switch {
	case r < 0x2070:
		if r != 0xb2 && r != 0xb3 && r != 0xb9 {
			return "" // most text: Latin, Greek, Cyrillic, Arabic, Indic
		}
	case r > 0x2793 && r < 0x3251, r > 0x32bf && r < 0x1f100, r > 0x1f10c:
		return "" // CJK, emoji and most other symbols
	}
	for k, f := range numberForms {
		if r < f.lo {
			break
		}
		if r <= f.hi {
			return numberTexts[k][r-f.lo]
		}
	}
	return ""
}

// The Mathematical Alphanumeric Symbols block starts with thirteen styled
// Latin alphabets (bold, italic, script, fraktur, double-struck, sans-serif,
// monospace and their mixes), each the 52 letters A to Z and a to z. Its
// Greek letters are not Latin, and its digits are decimal digits
// (unicode.Nd), which decimal reads.
const (
	mathLatinFirst = 0x1d400 // MATHEMATICAL BOLD CAPITAL A
	mathLatinLast  = 0x1d6a3 // MATHEMATICAL MONOSPACE SMALL Z
)

// letterlike are the styled letters that Unicode had encoded in Letterlike
// Symbols before the mathematical alphabets, which leave a hole (an
// unassigned code point) at their place.
var letterlike = map[rune]byte{
	'ℂ': 'C', 'ℊ': 'g', 'ℋ': 'H', 'ℌ': 'H', 'ℍ': 'H', 'ℎ': 'h',
	'ℐ': 'I', 'ℑ': 'I', 'ℒ': 'L', 'ℕ': 'N', 'ℙ': 'P', 'ℚ': 'Q',
	'ℛ': 'R', 'ℜ': 'R', 'ℝ': 'R', 'ℤ': 'Z', 'ℨ': 'Z', 'ℬ': 'B',
	'ℭ': 'C', 'ℯ': 'e', 'ℰ': 'E', 'ℱ': 'F', 'ℳ': 'M', 'ℴ': 'o',
}

// letterForm returns the ASCII letter r is drawn as if r is a styled Latin
// letter of the mathematical alphabets (including letterlike), else 0.
func letterForm(r rune) byte {
	switch {
	case mathLatinFirst <= r && r <= mathLatinLast:
		if !unicode.IsLetter(r) {
			return 0 // a hole
		}
		k := (r - mathLatinFirst) % 52
		if k >= 26 {
			return byte('a' + k - 26)
		}
		return byte('A' + k)
	case 0x2102 <= r && r <= 0x2134: // ℂ to ℴ
		return letterlike[r]
	}
	return 0
}
