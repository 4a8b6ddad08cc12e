package io.jenkins.plugins.mlops.stubs;

import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * The exact definition of "no behaviour" for a stub body, on its bytecode (labels, line numbers
 * and frames ignored):
 * <ul>
 *   <li>a method: {@code new UnsupportedOperationException; dup; invokespecial <init>()V; athrow} and nothing else;</li>
 *   <li>a constructor: {@code aload_0}, then any number of argument loads or constants (null, numbers,
 *       strings), then one {@code invokespecial} of the superclass's constructor, then {@code return}
 *       (no field is written, nothing else is called);</li>
 *   <li>a static initializer: pairs of (constant, {@code putstatic} to a field of the class itself),
 *       then {@code return} (how {@code public static final Permission CONFIGURE = null;} compiles).</li>
 * </ul>
 * A compiler-written bridge method may only call the method it bridges. Abstract and annotation
 * methods have no body and need no check.
 */
final class TrivialBodies {
    private static final String UOE = "java/lang/UnsupportedOperationException";

    private TrivialBodies() {
    }

    /** Null when the body is trivial, else what is wrong. */
    static String check(ClassNode owner, MethodNode method) {
        List<AbstractInsnNode> ops = new ArrayList<>();
        for (AbstractInsnNode insn : method.instructions) {
            if (insn.getOpcode() >= 0) {
                ops.add(insn);
            }
        }
        if (ops.isEmpty()) {
            return null;
        }
        if ((method.access & Opcodes.ACC_BRIDGE) != 0) {
            return bridge(owner, method, ops);
        }
        return switch (method.name) {
            case "<init>" -> constructor(owner, ops);
            case "<clinit>" -> staticInitializer(owner, ops);
            default -> throwsUnsupported(ops, 0) ? null
                    : "a stub method must only 'throw new UnsupportedOperationException()' (found " + describe(ops) + ")";
        };
    }

    /**
     * A bridge the compiler writes for a generic interface (compareTo(Object) for
     * Comparable&lt;PermissionGroup&gt;): it may only pass its arguments on to the class's own method of
     * the same name, which is itself checked.
     */
    private static String bridge(ClassNode owner, MethodNode method, List<AbstractInsnNode> ops) {
        List<AbstractInsnNode> calls = ops.stream().filter(op -> op instanceof org.objectweb.asm.tree.MethodInsnNode).toList();
        boolean delegates = calls.size() == 1 && calls.get(0) instanceof org.objectweb.asm.tree.MethodInsnNode call
                && call.owner.equals(owner.name) && call.name.equals(method.name);
        boolean onlyMoves = ops.stream().allMatch(op -> op instanceof VarInsnNode || op instanceof org.objectweb.asm.tree.TypeInsnNode
                || op instanceof org.objectweb.asm.tree.MethodInsnNode
                || (op.getOpcode() >= Opcodes.IRETURN && op.getOpcode() <= Opcodes.RETURN));
        return delegates && onlyMoves ? null
                : "a bridge method must only pass its arguments to the method it bridges (found " + describe(ops) + ")";
    }

    private static String constructor(ClassNode owner, List<AbstractInsnNode> ops) {
        int i = 0;
        if (!(ops.get(i) instanceof VarInsnNode load && load.getOpcode() == Opcodes.ALOAD && load.var == 0)) {
            return "a stub constructor must start by loading 'this' (found " + describe(ops) + ")";
        }
        i++;
        while (i < ops.size() && isArgumentOrConstant(ops.get(i))) {
            i++;
        }
        if (!(i < ops.size() && ops.get(i) instanceof MethodInsnNode call && call.getOpcode() == Opcodes.INVOKESPECIAL
                && call.name.equals("<init>") && call.owner.equals(owner.superName))) {
            return "a stub constructor may only call its superclass's constructor (found " + describe(ops) + ")";
        }
        i++;
        if (i == ops.size() - 1 && ops.get(i).getOpcode() == Opcodes.RETURN) {
            return null;
        }
        return "after super(...) a stub constructor must return (found " + describe(ops) + ")";
    }

    private static String staticInitializer(ClassNode owner, List<AbstractInsnNode> ops) {
        int i = 0;
        while (i + 1 < ops.size() && isConstant(ops.get(i)) && ops.get(i + 1) instanceof FieldInsnNode put
                && put.getOpcode() == Opcodes.PUTSTATIC && put.owner.equals(owner.name)) {
            i += 2;
        }
        if (i == ops.size() - 1 && ops.get(i).getOpcode() == Opcodes.RETURN) {
            return null;
        }
        return "a stub static initializer may only store constants in its own fields (found " + describe(ops) + ")";
    }

    private static boolean throwsUnsupported(List<AbstractInsnNode> ops, int from) {
        return ops.size() - from == 4
                && ops.get(from) instanceof TypeInsnNode neu && neu.getOpcode() == Opcodes.NEW && neu.desc.equals(UOE)
                && ops.get(from + 1).getOpcode() == Opcodes.DUP
                && ops.get(from + 2) instanceof MethodInsnNode init && init.getOpcode() == Opcodes.INVOKESPECIAL
                && init.owner.equals(UOE) && init.name.equals("<init>") && init.desc.equals("()V")
                && ops.get(from + 3).getOpcode() == Opcodes.ATHROW;
    }

    private static boolean isArgumentOrConstant(AbstractInsnNode insn) {
        int op = insn.getOpcode();
        return isConstant(insn) || (insn instanceof VarInsnNode && op >= Opcodes.ILOAD && op <= Opcodes.ALOAD);
    }

    private static boolean isConstant(AbstractInsnNode insn) {
        int op = insn.getOpcode();
        return (op >= Opcodes.ACONST_NULL && op <= Opcodes.DCONST_1) || op == Opcodes.BIPUSH || op == Opcodes.SIPUSH
                || op == Opcodes.LDC;
    }

    /** The mnemonic of an opcode, read from ASM's Opcodes constants. */
    private static String opcodeName(int opcode) {
        for (java.lang.reflect.Field f : Opcodes.class.getFields()) {
            if (f.getType() == int.class && f.getName().equals(f.getName().toUpperCase(java.util.Locale.ROOT))
                    && !f.getName().startsWith("ACC_") && !f.getName().startsWith("T_") && !f.getName().startsWith("H_")
                    && !f.getName().startsWith("F_") && !f.getName().startsWith("V") && !f.getName().startsWith("ASM")
                    && !f.getName().startsWith("SOURCE_")) {
                try {
                    if (f.getInt(null) == opcode) {
                        return f.getName().toLowerCase(java.util.Locale.ROOT);
                    }
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return "op" + opcode;
    }

    private static String describe(List<AbstractInsnNode> ops) {
        StringBuilder s = new StringBuilder();
        for (AbstractInsnNode insn : ops) {
            if (s.length() > 0) {
                s.append(' ');
            }
            s.append(opcodeName(insn.getOpcode()));
            if (insn instanceof MethodInsnNode m) {
                s.append(' ').append(m.owner).append('.').append(m.name);
            }
        }
        return s.toString();
    }
}
