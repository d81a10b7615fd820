package io.vigia.wire;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/**
 * One class of a {@link ContainerPolicy}: which containers it selects and how many it keeps.
 *
 * @param name e.g. {@code high-cpu}; named in every event the class causes
 * @param label selects containers carrying this label: {@code key=value}, or {@code key} for any
 *     value; null: no label condition
 * @param image selects containers whose image matches this glob ({@code *} any run of characters,
 *     {@code ?} one); null: no image condition. With both, a container must match both; with
 *     neither, the class selects nothing
 * @param keep how many of its containers the class keeps
 * @param keepBy which it keeps: {@code newest} (by creation), {@code least-cpu}, {@code most-cpu},
 *     {@code least-memory}, {@code most-memory} (by the last sample)
 */
public record ContainerClass(
    @NotBlank @Size(max = 64) String name,
    @Size(max = 512) String label,
    @Size(max = 512) String image,
    @PositiveOrZero int keep,
    @NotBlank @Pattern(regexp = "newest|least-cpu|most-cpu|least-memory|most-memory")
        String keepBy) {

  // Declared, so the constraints stay off its parameters: the monitor's API takes classes in a
  // request body, and Payara's OpenAPI scanner fails on constrained constructor parameters.
  public ContainerClass(String name, String label, String image, int keep, String keepBy) {
    this.name = name;
    this.label = label;
    this.image = image;
    this.keep = keep;
    this.keepBy = keepBy;
  }
}
