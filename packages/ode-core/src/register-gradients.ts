// Registers every tfjs-core gradient once: `import '@tfode/ode-core/register-gradients'`.
// tfjs-core's Node build leaves gradients out, and its own register_all_gradients cannot be loaded by
// Node directly (extensionless ESM imports); this entry ships it bundled.
import '@tensorflow/tfjs-core/dist/register_all_gradients';
