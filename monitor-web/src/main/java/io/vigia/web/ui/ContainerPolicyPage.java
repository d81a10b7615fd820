package io.vigia.web.ui;

import io.vigia.monitor.container.ContainerPolicies;
import io.vigia.monitor.container.PolicyDelivery;
import io.vigia.monitor.container.PolicyPreview;
import io.vigia.monitor.host.Host;
import io.vigia.monitor.host.HostDirectory;
import io.vigia.monitor.host.HostSummary;
import io.vigia.web.api.ContainerPolicyRequest;
import io.vigia.web.api.JsonBody;
import io.vigia.wire.ContainerClass;
import io.vigia.wire.ContainerInfo;
import io.vigia.wire.ContainerPolicy;
import io.vigia.wire.PrunePlan;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.Set;

/**
 * Backs {@code policy.xhtml}: the container prune policy, the fleet's and each host's override.
 * Everyone sees them and what each would do now to the containers the hosts last reported; admins
 * write them in an editor, see what the edited policy would do ({@link PolicyPreview}, decided by
 * the agents' own planner) and then save it as a separate step. What is wrong with a policy is
 * judged by the API's own rules; every change checks the admin role itself, whatever the page
 * showed.
 */
@Named
@ViewScoped
public class ContainerPolicyPage implements Serializable {

  private static final long serialVersionUID = 1L;

  /** The bundle of this page's text, {@code Policy*.properties}. */
  static final String TEXT = "policyText";

  /** Hosts the preview names as selecting nothing, at most; the rest are counted. */
  static final int IDLE_HOSTS_NAMED = 30;

  /**
   * Hosts whose containers the preview lists, at most; the rest are counted (in the totals too) and
   * the API lists them all. A page of hundreds of tables helps nobody decide.
   */
  static final int HOSTS_LISTED = 50;

  private static final Jsonb JSONB = JsonbBuilder.create();

  /** The editor's fields whose problems are shown beside them. */
  private static final Set<String> FIELDS = Set.of("name", "label", "image", "keep", "keepBy");

  @Inject private ContainerPolicies policies;
  @Inject private PolicyDelivery delivery;
  @Inject private PolicyPreview previews;
  @Inject private HostDirectory directory;
  @Inject private Formats fmt;

  /** The policy being written; null when the editor is closed. */
  private PolicyForm form;

  /** The editor's policy as last previewed (scope and body), which Save stores; null: none. */
  private String previewedKey;

  /** The host named in the address ({@code ?host=}): its policy's preview opens with the page. */
  private String focus;

  /** The host chosen for a new override. */
  private String newOverrideHost;

  // What the preview panel shows: kept with the view while it lives, not serialized with it (a
  // preview lost to a session's passivation is shown again at the next Preview).
  private transient Shown preview;

  // The stored policies are read once per request, and again after a change made in it.
  private transient Object loadedFor;
  private transient ContainerPolicies.Stored fleet;
  private transient List<HostOverride> overrides;

  /** One host's override as the page lists it. */
  public record HostOverride(String host, ContainerPolicies.Stored stored) {}

  /**
   * What the preview panel shows.
   *
   * @param title what is previewed: which policy, edited or stored, on which hosts
   * @param edited whether it is the editor's policy (not saved) rather than a stored one
   * @param selecting the hosts where a class selects some container, by name, up to {@link
   *     #HOSTS_LISTED}
   * @param selectingMore how many more of those there are
   * @param keep how many containers the policy keeps on all of them
   * @param remove how many it would stop and remove on all of them
   * @param idle up to {@link #IDLE_HOSTS_NAMED} of the hosts with containers none selected
   * @param idleMore how many more of those there are
   */
  public record Shown(
      String title,
      boolean edited,
      boolean dryRun,
      List<PolicyPreview.HostPlan> selecting,
      int selectingMore,
      long keep,
      long remove,
      List<String> idle,
      int idleMore,
      List<String> overridden,
      int withoutContainers) {

    /** How many hosts it selects containers on. */
    public int selectingHosts() {
      return selecting.size() + selectingMore;
    }
  }

  private void load() {
    FacesContext now = FacesContext.getCurrentInstance();
    if (loadedFor != now) {
      loadedFor = now;
      fleet = null;
      List<ContainerPolicies.Stored> byHost = new ArrayList<>();
      for (ContainerPolicies.Stored s : policies.all()) {
        if (s.hostId() == null) {
          fleet = s;
        } else {
          byHost.add(s);
        }
      }
      Map<Long, String> names =
          directory.namesOf(byHost.stream().map(ContainerPolicies.Stored::hostId).toList());
      overrides =
          byHost.stream()
              .filter(s -> names.containsKey(s.hostId()))
              .map(s -> new HostOverride(names.get(s.hostId()), s))
              .sorted(java.util.Comparator.comparing(HostOverride::host))
              .toList();
    }
  }

  // ---- what everyone sees ---------------------------------------------------------------------

  /** The fleet's policy, or null when there is none. */
  public ContainerPolicies.Stored getFleet() {
    load();
    return fleet;
  }

  public List<HostOverride> getOverrides() {
    load();
    return overrides;
  }

  public Shown getPreview() {
    return preview;
  }

  public boolean isAdmin() {
    return FacesRequest.isAdmin();
  }

  /**
   * Shows what the stored policy named by the button ({@code host}, empty: the fleet's) does now.
   */
  public void previewStored() {
    String host = FacesRequest.param("host");
    load();
    if (host.isEmpty()) {
      if (fleet == null) {
        message(FacesMessage.SEVERITY_WARN, text("policy.gone"));
        return;
      }
      preview = shown(null, false, fleet.policy(), text("preview.fleet"));
      return;
    }
    Optional<HostOverride> o = overrides.stream().filter(r -> r.host().equals(host)).findFirst();
    if (o.isEmpty()) {
      message(FacesMessage.SEVERITY_WARN, text("policy.gone"));
      return;
    }
    preview = shown(host, false, o.get().stored().policy(), text("preview.override", host));
  }

  public String getFocus() {
    return focus;
  }

  public void setFocus(String focus) {
    this.focus = focus;
  }

  /**
   * With {@code ?host=} (the host page links here so): shows what the policy in force for that
   * host, its override or else the fleet's, does now to its containers.
   */
  public void openFocus() {
    if (focus == null || focus.isBlank()) {
      return;
    }
    load();
    Optional<HostOverride> o = overrides.stream().filter(r -> r.host().equals(focus)).findFirst();
    if (directory.byName(focus).isEmpty()) {
      message(FacesMessage.SEVERITY_WARN, text("focus.noHost", focus));
    } else if (o.isPresent()) {
      preview = shown(focus, false, o.get().stored().policy(), text("preview.override", focus));
    } else if (fleet != null) {
      preview = shown(focus, false, fleet.policy(), text("preview.fleetOn", focus));
    } else {
      message(FacesMessage.SEVERITY_INFO, text("focus.none", focus));
    }
  }

  // ---- what admins do -------------------------------------------------------------------------

  public PolicyForm getForm() {
    return form;
  }

  public boolean isEditing() {
    return form != null;
  }

  /** Whether Save is offered: the editor's policy was previewed and the preview is shown. */
  public boolean isSaveOffered() {
    return form != null && previewedKey != null && preview != null && preview.edited();
  }

  public List<String> getOrders() {
    return PolicyForm.ORDERS;
  }

  public String getNewOverrideHost() {
    return newOverrideHost;
  }

  public void setNewOverrideHost(String newOverrideHost) {
    this.newOverrideHost = newOverrideHost;
  }

  /** The hosts without an override, by name: those one can be written for. */
  public List<String> getHostsWithoutOverride() {
    load();
    Set<String> taken = new HashSet<>();
    overrides.forEach(o -> taken.add(o.host()));
    return directory.overview().stream()
        .map(HostSummary::name)
        .filter(n -> !taken.contains(n))
        .sorted()
        .toList();
  }

  /** Opens the editor on the fleet's policy as stored, or on a new one. */
  public void editFleet() {
    if (refusedUnlessAdmin()) {
      return;
    }
    load();
    open(PolicyForm.of(null, fleet == null ? null : fleet.policy()));
  }

  /** Opens the editor on the override of the host the button named. */
  public void editOverride() {
    if (refusedUnlessAdmin()) {
      return;
    }
    String host = FacesRequest.param("host");
    load();
    Optional<HostOverride> o = overrides.stream().filter(r -> r.host().equals(host)).findFirst();
    if (o.isEmpty()) {
      message(FacesMessage.SEVERITY_WARN, text("policy.gone"));
      return;
    }
    open(PolicyForm.of(host, o.get().stored().policy()));
  }

  /** Opens the editor on a new override for the chosen host, starting from the fleet's classes. */
  public void newOverride() {
    if (refusedUnlessAdmin()) {
      return;
    }
    if (newOverrideHost == null || directory.byName(newOverrideHost).isEmpty()) {
      message(FacesMessage.SEVERITY_ERROR, text("override.noHost"));
      FacesContext.getCurrentInstance().validationFailed();
      return;
    }
    load();
    open(PolicyForm.of(newOverrideHost, fleet == null ? null : fleet.policy()));
  }

  private void open(PolicyForm f) {
    form = f;
    previewedKey = null;
    preview = null;
  }

  public void addClass() {
    if (!refusedUnlessAdmin() && form != null) {
      form.add();
      previewedKey = null;
    }
  }

  public void removeClass(int index) {
    if (!refusedUnlessAdmin() && form != null) {
      form.remove(index);
      previewedKey = null;
    }
  }

  public void moveClassUp(int index) {
    if (!refusedUnlessAdmin() && form != null) {
      form.up(index);
      previewedKey = null;
    }
  }

  public void cancel() {
    form = null;
    previewedKey = null;
    preview = null;
  }

  /**
   * Shows what the editor's policy would do now, if the API's rules find nothing wrong with it
   * (else each problem beside its field), and from then on offers to save exactly that policy.
   */
  public void preview() {
    if (refusedUnlessAdmin() || form == null) {
      return;
    }
    ContainerPolicyRequest r = form.request();
    previewedKey = null;
    preview = null;
    if (!judged(r)) {
      return;
    }
    preview = editedShown(r);
    previewedKey = key(r);
  }

  /**
   * Stores the editor's policy: the one previewed. If it was changed since, the new one is
   * previewed instead and the admin asked to look again; nothing is stored.
   */
  public void save() {
    if (refusedUnlessAdmin() || form == null) {
      return;
    }
    ContainerPolicyRequest r = form.request();
    if (!judged(r)) {
      previewedKey = null;
      preview = null;
      return;
    }
    if (!key(r).equals(previewedKey)) {
      preview = editedShown(r);
      previewedKey = key(r);
      message(FacesMessage.SEVERITY_WARN, text("save.previewFirst"));
      return;
    }
    Long hostId = null;
    if (!form.isFleet()) {
      Optional<Host> host = directory.byName(form.getHost());
      if (host.isEmpty()) {
        message(FacesMessage.SEVERITY_ERROR, text("policy.hostGone", form.getHost()));
        return;
      }
      hostId = host.get().getId();
    }
    policies.put(hostId, r.dryRun(), r.classes(), FacesRequest.user(), System.currentTimeMillis());
    delivery.invalidate();
    message(
        FacesMessage.SEVERITY_INFO,
        form.isFleet() ? text("saved.fleet") : text("saved.override", form.getHost()));
    cancel();
    loadedFor = null;
  }

  /** Removes the stored policy the button named ({@code host}, empty: the fleet's). */
  public void delete() {
    if (refusedUnlessAdmin()) {
      return;
    }
    String host = FacesRequest.param("host");
    Long hostId = null;
    if (!host.isEmpty()) {
      Optional<Host> h = directory.byName(host);
      if (h.isEmpty()) {
        message(FacesMessage.SEVERITY_WARN, text("policy.gone"));
        return;
      }
      hostId = h.get().getId();
    }
    if (policies.delete(hostId)) {
      delivery.invalidate();
      message(
          FacesMessage.SEVERITY_INFO,
          host.isEmpty() ? text("deleted.fleet") : text("deleted.override", host));
    } else {
      message(FacesMessage.SEVERITY_WARN, text("policy.gone"));
    }
    if (form != null && host.equals(form.getHost() == null ? "" : form.getHost())) {
      cancel();
    }
    preview = null;
    loadedFor = null;
  }

  /** The scope and body of a policy, exactly: what a preview showed and Save may store. */
  private static String key(ContainerPolicyRequest r) {
    return JSONB.toJson(r);
  }

  private Shown editedShown(ContainerPolicyRequest r) {
    return form.isFleet()
        ? shown(null, true, r.asPolicy(), text("preview.fleetEdited"))
        : shown(form.getHost(), true, r.asPolicy(), text("preview.overrideEdited", form.getHost()));
  }

  /**
   * What {@code policy} would do as the fleet's ({@code host} null: on every host without an
   * override) or on {@code host} alone.
   */
  private Shown shown(String host, boolean edited, ContainerPolicy policy, String title) {
    PolicyPreview.Preview p;
    if (host == null) {
      p = previews.fleet(policy);
    } else {
      Optional<Host> h = directory.byName(host);
      if (h.isEmpty()) {
        return new Shown(
            title, edited, policy.dryRun(), List.of(), 0, 0, 0, List.of(), 0, List.of(), 1);
      }
      p = previews.host(h.get(), policy);
    }
    List<PolicyPreview.HostPlan> selecting = new ArrayList<>();
    List<String> idle = new ArrayList<>();
    int idleMore = 0;
    int selectingMore = 0;
    long keep = 0;
    long remove = 0;
    for (PolicyPreview.HostPlan h : p.hosts()) {
      if (h.selectsAny()) {
        keep += h.count(PrunePlan.Fate.KEEP);
        remove += h.count(PrunePlan.Fate.REMOVE);
        if (selecting.size() < HOSTS_LISTED) {
          selecting.add(h);
        } else {
          selectingMore++;
        }
      } else if (idle.size() < IDLE_HOSTS_NAMED) {
        idle.add(h.host());
      } else {
        idleMore++;
      }
    }
    return new Shown(
        title,
        edited,
        policy.dryRun(),
        selecting,
        selectingMore,
        keep,
        remove,
        idle,
        idleMore,
        p.overridden(),
        p.withoutContainers());
  }

  /**
   * Shows each problem the API would answer for this policy beside its field: the constraints of
   * its records (as {@link JsonBody} checks a body) and {@link ContainerPolicies#check}. Whether
   * there is none.
   */
  private boolean judged(ContainerPolicyRequest r) {
    FacesContext faces = FacesContext.getCurrentInstance();
    int count = 0;
    for (ConstraintViolation<ContainerPolicyRequest> v : JsonBody.violations(r)) {
      Integer index = null;
      String field = null;
      for (Path.Node node : v.getPropertyPath()) {
        if (node.getIndex() != null) {
          index = node.getIndex();
        }
        field = node.getName();
      }
      String constraint =
          v.getConstraintDescriptor().getAnnotation().annotationType().getSimpleName();
      Object max = v.getConstraintDescriptor().getAttributes().get("max");
      String key = "problem." + field + "." + constraint;
      String text =
          bundle().containsKey(key)
              ? text(key, max == null ? "" : fmt.number((Number) max, 0))
              : field + ": " + v.getMessage();
      add(faces, clientId(index, field), text);
      count++;
    }
    for (ContainerPolicies.Problem p : ContainerPolicies.check(r.classes())) {
      String text =
          p.kind().equals("tooLong")
              ? text("problem.tooLong", fmt.number(ContainerPolicies.MAX_CLASSES_JSON, 0))
              : text("problem." + p.kind());
      // A class that selects nothing is told at its label, the first of its two selectors.
      String field = p.kind().equals("selector") ? "label" : p.field();
      add(faces, clientId(p.index() < 0 ? null : p.index(), field), text);
      count++;
    }
    if (count > 0) {
      message(FacesMessage.SEVERITY_ERROR, text("problems", count));
      faces.validationFailed();
    }
    return count == 0;
  }

  private static String clientId(Integer index, String field) {
    return index != null && FIELDS.contains(field)
        ? "editor:classes:" + index + ":" + field
        : "editor:policyProblems";
  }

  private static void add(FacesContext faces, String clientId, String text) {
    faces.addMessage(clientId, new FacesMessage(FacesMessage.SEVERITY_ERROR, text, null));
  }

  private boolean refusedUnlessAdmin() {
    return FacesRequest.refusedUnlessAdmin(text("refused"));
  }

  // ---- how things read --------------------------------------------------------------------------

  /**
   * A button's name for screen readers, naming what it acts on ("Edit the override of web-1"): a
   * page may hold several of the same button. It starts with the button's visible text.
   */
  public String named(String key, Object what) {
    return text(key, what);
  }

  /** What a class selects: "label vigia.class=low and image busybox*". */
  public String selector(ContainerClass k) {
    List<String> by = new ArrayList<>();
    if (k.label() != null) {
      by.add(text("selector.label", k.label()));
    }
    if (k.image() != null) {
      by.add(text("selector.image", k.image()));
    }
    return by.isEmpty() ? text("selector.none") : String.join(text("selector.and"), by);
  }

  /** Which a class keeps, as people say it: "the 2 newest". */
  public String keeps(ContainerClass k) {
    return text("keeps." + k.keepBy(), k.keep());
  }

  public String orderLabel(String keepBy) {
    return text("order." + keepBy);
  }

  /** When a stored policy was written, and by whom. */
  public String updated(ContainerPolicies.Stored s) {
    return text("policy.updated", fmt.dateTime(Instant.ofEpochMilli(s.updatedMs())), s.updatedBy());
  }

  public String reported(PolicyPreview.HostPlan h) {
    return fmt.ago(Instant.ofEpochMilli(h.reportedMs()));
  }

  /** A host's counts in the preview: "keeps 2, removes 3, leaves 1 untouched". */
  public String counts(PolicyPreview.HostPlan h) {
    long keep = h.count(PrunePlan.Fate.KEEP);
    long remove = h.count(PrunePlan.Fate.REMOVE);
    return text("preview.counts", keep, remove, h.decisions().size() - keep - remove);
  }

  public String fate(PrunePlan.Decision d) {
    return text("fate." + fateName(d));
  }

  /** The fate as the API names it and the page styles it: keep, remove, protected, ... */
  public String fateName(PrunePlan.Decision d) {
    return d.fate().name().toLowerCase(Locale.ROOT);
  }

  /** Why the container meets its fate. */
  public String why(PrunePlan.Decision d) {
    ContainerClass k = d.containerClass();
    if (k == null) {
      return text("why." + fateName(d));
    }
    return text("why.class", k.name(), keeps(k), d.rank(), d.selected());
  }

  /** The container's name, or its short id when Docker gave none. */
  public String containerName(ContainerInfo c) {
    return c.name() != null ? c.name() : c.id().substring(0, Math.min(12, c.id().length()));
  }

  private ResourceBundle bundle() {
    FacesContext faces = FacesContext.getCurrentInstance();
    return faces.getApplication().getResourceBundle(faces, TEXT);
  }

  private String text(String key, Object... args) {
    return fmt.text(TEXT, key, args);
  }

  private static void message(FacesMessage.Severity severity, String text) {
    FacesRequest.message(severity, text);
  }
}
