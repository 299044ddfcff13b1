package io.nrivertx.cri;

/**
 * What opening the state journal found.
 *
 * @param journal the journal file
 * @param records records replayed
 * @param pods pods, containers and images restored
 * @param tornOffset offset of a torn last record that was cut off, or -1 when the journal was clean
 * @param tornBytes how many bytes were cut off there
 * @param tornCopy where those bytes were saved, or null
 */
public record CriRecovery(String journal, int records, int pods, int containers, int images,
                          long tornOffset, long tornBytes, String tornCopy) {
  public boolean clean() {
    return tornOffset < 0;
  }
}
