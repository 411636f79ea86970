package batch

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
)

// ErrNotBatchOutput reports an output file that skim batch did not write,
// which Resume refuses to append to.
var ErrNotBatchOutput = errors.New("not a skim batch output file")

// Done is what an earlier run left in a JSONL output file.
type Done struct {
	// Keys holds the input position ("source") of every complete record
	// line. Records are recognised by where they are in the input, not by
	// their ids, which the data supplies and which may repeat or collide.
	Keys map[string]struct{}
	// Records is the number of complete record lines.
	Records int
	// Failed is the number of those lines that are error records.
	Failed int
	// Torn is the number of bytes of an unfinished last line that were cut off.
	Torn int64
}

// Has reports whether the record at this input position is already in the
// output.
func (d *Done) Has(key string) bool {
	_, ok := d.Keys[key]
	return ok
}

// Resume prepares the JSONL output file at path for appending after a crash
// or an interrupt: it truncates a torn last line (one not ended by a
// newline, left by a write cut short) and returns the input positions of
// the complete records. A missing file is an empty output. A complete line
// that is not a record with a string "id" and a string "source" is
// ErrNotBatchOutput, so that a wrong --out path is not silently appended
// to.
func Resume(path string) (*Done, error) {
	done := &Done{Keys: make(map[string]struct{})}
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if errors.Is(err, os.ErrNotExist) {
		return done, nil
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := bufio.NewReaderSize(f, 1<<16)
	var (
		end  int64 // offset just past the last complete line
		line int
	)
	for {
		b, err := r.ReadBytes('\n')
		if err == io.EOF {
			done.Torn = int64(len(b))
			break
		}
		if err != nil {
			return nil, fmt.Errorf("resume %s: %w", path, err)
		}
		line++
		end += int64(len(b))
		var rec struct {
			ID     *string         `json:"id"`
			Source *string         `json:"source"`
			Error  json.RawMessage `json:"error"`
		}
		if err := json.Unmarshal(b, &rec); err != nil || rec.ID == nil || rec.Source == nil {
			return nil, fmt.Errorf("resume %s: line %d: %w (each line needs an \"id\" and a \"source\"; "+
				"a file written before skim batch recorded sources cannot be resumed); refusing to append to it", path, line, ErrNotBatchOutput)
		}
		done.Keys[*rec.Source] = struct{}{}
		done.Records++
		if len(rec.Error) > 0 && string(rec.Error) != "null" {
			done.Failed++
		}
	}
	if done.Torn > 0 {
		if err := f.Truncate(end); err != nil {
			return nil, fmt.Errorf("resume %s: drop torn last line: %w", path, err)
		}
	}
	return done, nil
}
