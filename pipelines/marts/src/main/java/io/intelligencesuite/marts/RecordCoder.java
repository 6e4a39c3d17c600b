package io.intelligencesuite.marts;

import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.OutputStream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.beam.sdk.coders.BooleanCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.coders.CustomCoder;
import org.apache.beam.sdk.coders.DoubleCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.coders.VarLongCoder;

/**
 * A coder for a Java record, written component by component in declaration order instead of with
 * Java serialization ({@code SerializableCoder}, which writes the class description with every
 * element and reads it back through reflection: about a tenth of the marts' CPU went to it). The
 * components may be primitives and their boxes, {@code String}, {@code LocalDate} (its epoch day),
 * other such records, {@code List}, and {@code Set} / {@code Map} of comparable keys (decoded as
 * {@code TreeSet} / {@code TreeMap}: sorted, so the same on every worker); reference components may
 * be null. Any other component type fails when the coder is made, naming it, so a record that
 * cannot travel this way is found when the pipeline is built, not when it runs.
 */
public final class RecordCoder<R> extends CustomCoder<R> {
  private static final long serialVersionUID = 1L;

  /** A day as its epoch day. */
  public static final Coder<LocalDate> LOCAL_DATE = new LocalDateCoder();

  private final Class<R> type;
  private final List<Coder<Object>> components;
  private transient MethodHandle[] getters;
  private transient MethodHandle constructor;

  private RecordCoder(Class<R> type) {
    if (!type.isRecord()) {
      throw new IllegalArgumentException("RecordCoder: " + type.getName() + " is not a record");
    }
    this.type = type;
    List<Coder<Object>> coders = new ArrayList<>();
    for (RecordComponent c : type.getRecordComponents()) {
      coders.add(componentCoder(type, c.getGenericType()));
    }
    this.components = coders;
    bind();
  }

  public static <R> RecordCoder<R> of(Class<R> type) {
    return new RecordCoder<>(type);
  }

  /** A sorted map's entries, in key order. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static <K, V> Coder<TreeMap<K, V>> treeMap(Coder<K> keys, Coder<V> values) {
    return (Coder) new TreeMapCoder<>(keys, values);
  }

  @Override
  public void encode(R value, OutputStream out) throws IOException {
    if (value == null) {
      throw new CoderException("cannot encode a null " + type.getSimpleName());
    }
    for (int i = 0; i < getters.length; i++) {
      Object v;
      try {
        v = (Object) getters[i].invokeExact((Object) value);
      } catch (Throwable e) {
        throw new CoderException("reading " + type.getSimpleName() + "'s component " + i, e);
      }
      components.get(i).encode(v, out);
    }
  }

  @Override
  public R decode(InputStream in) throws IOException {
    Object[] args = new Object[getters.length];
    for (int i = 0; i < args.length; i++) {
      args[i] = components.get(i).decode(in);
    }
    try {
      return type.cast((Object) constructor.invokeExact(args));
    } catch (Throwable e) {
      throw new CoderException("making a " + type.getSimpleName(), e);
    }
  }

  @Override
  public List<? extends Coder<?>> getCoderArguments() {
    return components;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RecordCoder<?> other && other.type.equals(type);
  }

  @Override
  public int hashCode() {
    return type.hashCode();
  }

  @Override
  public String toString() {
    return "RecordCoder(" + type.getName() + ")";
  }

  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    in.defaultReadObject();
    bind();
  }

  /** The accessors and the canonical constructor (the record may be private to its package). */
  private void bind() {
    RecordComponent[] rc = type.getRecordComponents();
    MethodHandles.Lookup lookup = MethodHandles.lookup();
    MethodHandle[] g = new MethodHandle[rc.length];
    Class<?>[] types = new Class<?>[rc.length];
    try {
      for (int i = 0; i < rc.length; i++) {
        Method accessor = rc[i].getAccessor();
        accessor.setAccessible(true);
        g[i] = lookup.unreflect(accessor).asType(MethodType.methodType(Object.class, Object.class));
        types[i] = rc[i].getType();
      }
      Constructor<R> canonical = type.getDeclaredConstructor(types);
      canonical.setAccessible(true);
      constructor =
          lookup
              .unreflectConstructor(canonical)
              .asSpreader(Object[].class, rc.length)
              .asType(MethodType.methodType(Object.class, Object[].class));
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("RecordCoder cannot reach " + type.getName(), e);
    }
    getters = g;
  }

  @SuppressWarnings("unchecked")
  private static Coder<Object> componentCoder(Class<?> record, Type t) {
    Coder<?> c = coderFor(record, t);
    boolean primitive = t instanceof Class<?> k && k.isPrimitive();
    return (Coder<Object>) (primitive ? c : NullableCoder.of(c));
  }

  /** The coder of a component's (or an element's) type, without the null marker. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Coder<?> coderFor(Class<?> record, Type t) {
    if (t instanceof Class<?> k) {
      if (k == long.class || k == Long.class) {
        return VarLongCoder.of();
      }
      if (k == int.class || k == Integer.class) {
        return VarIntCoder.of();
      }
      if (k == double.class || k == Double.class) {
        return DoubleCoder.of();
      }
      if (k == boolean.class || k == Boolean.class) {
        return BooleanCoder.of();
      }
      if (k == String.class) {
        return StringUtf8Coder.of();
      }
      if (k == LocalDate.class) {
        return LOCAL_DATE;
      }
      if (k.isRecord()) {
        return new RecordCoder(k);
      }
    } else if (t instanceof ParameterizedType p && p.getRawType() instanceof Class<?> raw) {
      Type[] args = p.getActualTypeArguments();
      if (raw == List.class) {
        return ListCoder.of(componentCoder(record, args[0]));
      }
      if ((raw == Set.class || raw == SortedSet.class || raw == TreeSet.class)
          && comparable(args[0])) {
        return new TreeSetCoder(componentCoder(record, args[0]));
      }
      if ((raw == Map.class || raw == SortedMap.class || raw == TreeMap.class)
          && comparable(args[0])) {
        return new TreeMapCoder(componentCoder(record, args[0]), componentCoder(record, args[1]));
      }
    }
    throw new IllegalArgumentException(
        "RecordCoder: "
            + record.getName()
            + " has a component of type "
            + t.getTypeName()
            + ", which it cannot encode (use a supported type, or write this record a coder)");
  }

  private static boolean comparable(Type t) {
    return t instanceof Class<?> k && Comparable.class.isAssignableFrom(k);
  }

  private static final class LocalDateCoder extends CustomCoder<LocalDate> {
    private static final long serialVersionUID = 1L;

    @Override
    public void encode(LocalDate value, OutputStream out) throws IOException {
      VarLongCoder.of().encode(value.toEpochDay(), out);
    }

    @Override
    public LocalDate decode(InputStream in) throws IOException {
      return LocalDate.ofEpochDay(VarLongCoder.of().decode(in));
    }

    @Override
    public void verifyDeterministic() {}

    @Override
    public boolean equals(Object o) {
      return o instanceof LocalDateCoder;
    }

    @Override
    public int hashCode() {
      return LocalDateCoder.class.hashCode();
    }
  }

  private static final class TreeSetCoder<E> extends CustomCoder<Set<E>> {
    private static final long serialVersionUID = 1L;
    private final Coder<E> elements;

    TreeSetCoder(Coder<E> elements) {
      this.elements = elements;
    }

    @Override
    public void encode(Set<E> value, OutputStream out) throws IOException {
      VarIntCoder.of().encode(value.size(), out);
      for (E e : value instanceof SortedSet<E> ? value : new TreeSet<>(value)) {
        elements.encode(e, out);
      }
    }

    @Override
    public Set<E> decode(InputStream in) throws IOException {
      int n = VarIntCoder.of().decode(in);
      TreeSet<E> set = new TreeSet<>();
      for (int i = 0; i < n; i++) {
        set.add(elements.decode(in));
      }
      return set;
    }

    @Override
    public List<? extends Coder<?>> getCoderArguments() {
      return List.of(elements);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof TreeSetCoder<?> other && other.elements.equals(elements);
    }

    @Override
    public int hashCode() {
      return elements.hashCode();
    }
  }

  private static final class TreeMapCoder<K, V> extends CustomCoder<Map<K, V>> {
    private static final long serialVersionUID = 1L;
    private final Coder<K> keys;
    private final Coder<V> values;

    TreeMapCoder(Coder<K> keys, Coder<V> values) {
      this.keys = keys;
      this.values = values;
    }

    /** Any map (a record's {@code Map} component may hold {@code Map.of()}): in key order. */
    @Override
    public void encode(Map<K, V> value, OutputStream out) throws IOException {
      VarIntCoder.of().encode(value.size(), out);
      for (Map.Entry<K, V> e :
          (value instanceof SortedMap<K, V> ? value : new TreeMap<>(value)).entrySet()) {
        keys.encode(e.getKey(), out);
        values.encode(e.getValue(), out);
      }
    }

    @Override
    public TreeMap<K, V> decode(InputStream in) throws IOException {
      int n = VarIntCoder.of().decode(in);
      TreeMap<K, V> map = new TreeMap<>();
      for (int i = 0; i < n; i++) {
        map.put(keys.decode(in), values.decode(in));
      }
      return map;
    }

    @Override
    public List<? extends Coder<?>> getCoderArguments() {
      return List.of(keys, values);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof TreeMapCoder<?, ?> other
          && other.keys.equals(keys)
          && other.values.equals(values);
    }

    @Override
    public int hashCode() {
      return 31 * keys.hashCode() + values.hashCode();
    }
  }
}
