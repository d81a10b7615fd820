package io.vigia.web.ui;

import io.vigia.web.api.ContainerPolicyRequest;
import io.vigia.wire.ContainerClass;
import io.vigia.wire.ContainerPolicy;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * What the editor of {@code policy.xhtml} holds while an admin writes a prune policy: the fleet's
 * ({@link #getHost()} null) or one host's override. It decides nothing: {@link #request()} is the
 * body the API would take, judged by the API's own rules.
 */
public class PolicyForm implements Serializable {

  private static final long serialVersionUID = 1L;

  /** The orders a class can keep by, as the API names them ({@link ContainerClass#keepBy()}). */
  static final List<String> ORDERS =
      List.of("newest", "least-cpu", "most-cpu", "least-memory", "most-memory");

  private String host;
  private boolean dryRun = true;
  private final ArrayList<ClassForm> classes = new ArrayList<>();

  /**
   * A form holding {@code policy}, or for a new policy one class to fill in and dry run on (an
   * admin sees what a policy does in its events before letting it remove anything).
   */
  static PolicyForm of(String host, ContainerPolicy policy) {
    PolicyForm f = new PolicyForm();
    f.host = host;
    if (policy == null || policy.classes() == null || policy.classes().isEmpty()) {
      f.classes.add(new ClassForm());
    } else {
      f.dryRun = policy.dryRun();
      policy.classes().forEach(k -> f.classes.add(ClassForm.of(k)));
    }
    return f;
  }

  /** The policy as the API's PUT body: blank selectors are none, names as typed but trimmed. */
  ContainerPolicyRequest request() {
    return new ContainerPolicyRequest(dryRun, classes.stream().map(ClassForm::toClass).toList());
  }

  public String getHost() {
    return host;
  }

  public boolean isFleet() {
    return host == null;
  }

  public boolean isDryRun() {
    return dryRun;
  }

  public void setDryRun(boolean dryRun) {
    this.dryRun = dryRun;
  }

  public List<ClassForm> getClasses() {
    return classes;
  }

  void add() {
    classes.add(new ClassForm());
  }

  void remove(int index) {
    if (index >= 0 && index < classes.size()) {
      classes.remove(index);
    }
  }

  /** Moves a class one place up: a container belongs to the first class that selects it. */
  void up(int index) {
    if (index > 0 && index < classes.size()) {
      classes.add(index - 1, classes.remove(index));
    }
  }

  /** One class as typed. */
  public static class ClassForm implements Serializable {

    private static final long serialVersionUID = 1L;

    private String name;
    private String label;
    private String image;
    private Integer keep = 1;
    private String keepBy = "newest";

    static ClassForm of(ContainerClass k) {
      ClassForm f = new ClassForm();
      f.name = k.name();
      f.label = k.label();
      f.image = k.image();
      f.keep = k.keep();
      f.keepBy = k.keepBy();
      return f;
    }

    ContainerClass toClass() {
      // An empty keep is judged as a negative one, by the same rule (0 or more): never taken as 0.
      return new ContainerClass(
          name == null ? null : name.strip(),
          blankToNull(label),
          blankToNull(image),
          keep == null ? -1 : keep,
          keepBy);
    }

    private static String blankToNull(String s) {
      return s == null || s.isBlank() ? null : s.strip();
    }

    public String getName() {
      return name;
    }

    public void setName(String name) {
      this.name = name;
    }

    public String getLabel() {
      return label;
    }

    public void setLabel(String label) {
      this.label = label;
    }

    public String getImage() {
      return image;
    }

    public void setImage(String image) {
      this.image = image;
    }

    public Integer getKeep() {
      return keep;
    }

    public void setKeep(Integer keep) {
      this.keep = keep;
    }

    public String getKeepBy() {
      return keepBy;
    }

    public void setKeepBy(String keepBy) {
      this.keepBy = keepBy;
    }
  }
}
