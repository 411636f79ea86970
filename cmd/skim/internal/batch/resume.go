package batch

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
)

// Done is what an earlier run left in a JSONL output file.
type Done struct {
	// IDs holds the id of every complete record line.
	IDs map[string]struct{}
	// Records is the number of complete record lines.
	Records int
	// Failed is the number of those lines that are error records.
	Failed int
	// Torn is the number of bytes of an unfinished last line that were cut off.
	Torn int64
}

// Has reports whether the record with this id is already in the output.
func (d *Done) Has(id string) bool {
	_, ok := d.IDs[id]
	return ok
}

// Resume prepares the JSONL output file at path for appending after a crash
// or an interrupt: it truncates a torn last line (one not ended by a
// newline, left by a write cut short) and returns the ids of the complete
// records. A missing file is an empty output. A complete line that is not a
// record with a string "id" is an error, so that a wrong --out path is not
// silently appended to.
func Resume(path string) (*Done, error) {
	done := &Done{IDs: make(map[string]struct{})}
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
			ID    *string         `json:"id"`
			Error json.RawMessage `json:"error"`
		}
		if err := json.Unmarshal(b, &rec); err != nil || rec.ID == nil {
			return nil, fmt.Errorf("resume %s: line %d is not a skim batch record; refusing to append to it", path, line)
		}
		done.IDs[*rec.ID] = struct{}{}
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
