package io.nrivertx.cri;

import java.util.List;

/**
 * What opening the state journal found.
 *
 * @param journal the journal's directory ({@code <state-dir>/cri})
 * @param records records replayed (the snapshot's and the tail's)
 * @param pods pods, containers and images restored
 * @param tornFile the file a torn last record was cut from, or null when the journal was clean
 * @param tornOffset offset of that record in {@code tornFile}, or -1
 * @param tornBytes how many bytes were cut off there
 * @param tornCopy where those bytes were saved, or null
 * @param millis how long reading the journal took
 * @param warnings permission problems of the state directory or its files (also logged)
 */
public record CriRecovery(String journal, int records, int pods, int containers, int images, String tornFile,
                          long tornOffset, long tornBytes, String tornCopy, long millis, List<String> warnings) {
  public boolean clean() {
    return tornOffset < 0;
  }
}
