package api

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"strconv"
)

// batchBody is a decoded POST /summarize/batch body: the documents, each
// with the error that keeps it from being summarized (nil for most), and
// the options.
type batchBody struct {
	documents []BatchDocument
	errs      []*Error
	options   Options
}

// decodeBatch decodes a batch body as it streams in, one token or
// document at a time, and stops at the document after maxDocs with
// too_many_documents: a body of millions of tiny documents costs no more
// than maxDocs of them. A document of the wrong type or with an unknown
// field is that document's error; malformed JSON, an unknown top-level
// field or an option of the wrong type fail the request. A UTF-8 byte
// order mark before the JSON is skipped.
func decodeBatch(r io.Reader, maxDocs int) (*batchBody, error) {
	br := bufio.NewReaderSize(r, 16) // larger reads bypass the buffer
	if head, _ := br.Peek(len(utf8BOM)); bytes.Equal(head, utf8BOM) {
		_, _ = br.Discard(len(utf8BOM))
	}
	dec := json.NewDecoder(br)
	dec.UseNumber() // numeric ids keep their digits
	dec.DisallowUnknownFields()
	tok, err := dec.Token()
	if err != nil {
		return nil, jsonError(err, "")
	}
	out := &batchBody{}
	if tok == nil { // null: no documents
		return out, expectEnd(dec)
	}
	if tok != json.Delim('{') {
		return nil, apiError(CodeInvalidJSON, "the request body must be a JSON object")
	}
	// Options are gathered as a JSON object and decoded at the end, so
	// that their errors name their fields like those of POST /summarize.
	opts := []byte{'{'}
	seenDocuments := false
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, jsonError(err, "")
		}
		key, _ := tok.(string) // object keys are strings
		if key == "documents" {
			if seenDocuments {
				return nil, apiError(CodeInvalidField, `field "documents" is given twice`)
			}
			seenDocuments = true
			if err := out.decodeDocuments(dec, maxDocs); err != nil {
				return nil, err
			}
			continue
		}
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return nil, jsonError(err, "")
		}
		if len(opts) > 1 {
			opts = append(opts, ',')
		}
		quoted, _ := json.Marshal(key) // a string always encodes
		opts = append(append(append(opts, quoted...), ':'), raw...)
	}
	if _, err := dec.Token(); err != nil { // the closing brace
		return nil, jsonError(err, "")
	}
	if err := expectEnd(dec); err != nil {
		return nil, err
	}
	if err := decodeJSON(append(opts, '}'), &out.options); err != nil {
		return nil, err
	}
	return out, nil
}

// decodeDocuments decodes the documents array, one document at a time.
func (b *batchBody) decodeDocuments(dec *json.Decoder, maxDocs int) error {
	tok, err := dec.Token()
	switch {
	case err != nil:
		return jsonError(err, "")
	case tok == nil: // null: no documents
		return nil
	case tok != json.Delim('['):
		return apiError(CodeInvalidField, `field "documents" must be an array`)
	}
	for dec.More() {
		if len(b.documents) == maxDocs {
			return apiError(CodeTooManyDocuments, "a batch holds at most %d documents", maxDocs)
		}
		var d BatchDocument
		var docErr *Error
		if err := dec.Decode(&d); err != nil {
			e := jsonError(err, "documents["+strconv.Itoa(len(b.documents))+"].")
			if e.Code != CodeInvalidField && e.Code != CodeUnknownField {
				return e // the stream itself is broken
			}
			docErr = e
		}
		switch d.ID.(type) {
		case nil, string, json.Number:
		default:
			d.ID = nil
			if docErr == nil {
				docErr = apiError(CodeInvalidField, `field "documents[%d].id" must be a string or a number`, len(b.documents))
			}
		}
		b.documents = append(b.documents, d)
		b.errs = append(b.errs, docErr)
	}
	_, err = dec.Token() // the closing bracket
	if err != nil {
		return jsonError(err, "")
	}
	return nil
}
