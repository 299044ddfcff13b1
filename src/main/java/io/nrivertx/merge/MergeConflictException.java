package io.nrivertx.merge;

import io.nrivertx.api.Field;

/**
 * Two plugins claimed the same field (or the same key of a compound field) of one container.
 * The message matches Go's owners.go byte for byte:
 * {@code plugins "<claimant>" and "<owner>" both tried to set <Field> <key>}; a simple field has
 * no key but keeps the trailing space.
 */
public final class MergeConflictException extends MergeException {

  private final Field field;
  private final String key;
  private final String claimant;
  private final String owner;

  MergeConflictException(Field field, String key, String claimant, String owner) {
    super("plugins " + GoText.quote(claimant) + " and " + GoText.quote(owner)
        + " both tried to set " + field.name() + " " + (key == null ? "" : key));
    this.field = field;
    this.key = key;
    this.claimant = claimant;
    this.owner = owner;
  }

  /** The contested field. */
  public Field field() {
    return field;
  }

  /** The contested key of a compound field, or null for a simple field. */
  public String key() {
    return key;
  }

  /** The plugin ("NN-name") whose claim failed. */
  public String claimant() {
    return claimant;
  }

  /** The plugin ("NN-name") that owned or cleared the field first. */
  public String owner() {
    return owner;
  }
}
