/** One experiment, table or figure of the papers (or the ANODE slides), and how the bench covers it. */
export interface PaperItem {
  /** The paper's key and the item, as claims cite it: 'N-CODE Fig 3', 'N-CODE Table 1', 'N-CODE Fig A.10', 'Dissecting Fig 6', 'NANODE Table 1', 'ANODE slides g_1d'. */
  item: string;
  /** What the item shows, in a few words (one line). */
  what: string;
  /** The bench commands whose claims cite `item` in their `source`; [] when not attempted. */
  experiments: string[];
  /** Why it is not attempted: required exactly when `experiments` is empty (e.g. "needs CelebA, not on this machine", "needs a CNF model: planned"). */
  notAttempted?: string;
  /** Printed when our verdict is not 'reproduced': the most likely reason that remains (a sentence or two; may be omitted). */
  ifNotReproduced?: string;
}

const diagram = 'a diagram, nothing to reproduce';

/**
 * Every numbered figure and table of N-CODE, Dissecting and NANODE (main text and appendix), the
 * NANODE section cited for Lemma 1, and the ANODE slides' experiments, in the papers' order. A claim
 * cites an item when a '; '-separated part of its `source` is the item or starts with it followed by
 * a space, ',' or '('.
 */
export const paperItems: readonly PaperItem[] = [
  // N-CODE, main text
  {
    item: 'N-CODE Fig 1',
    what: 'NODE vs N-CODE vector fields; bottom left: a trained NODE cannot separate concentric annuli (its flow is a homeomorphism)',
    experiments: ['annuli'],
    ifNotReproduced: 'On a finite sample a 2-D NODE can squeeze the inner points through the gaps between the outer ones (ANODE slides, "discrete points and continuous regions"); the impossibility holds for the continuous regions only.',
  },
  { item: 'N-CODE Fig 2', what: 'diagram of a general N-CODE module (open- and closed-loop control, augmented adjoint)', experiments: [], notAttempted: diagram },
  {
    item: 'N-CODE Fig 3',
    what: 'Van der Pol: a 1-D NODE with constant θ degenerates; a planar system with a dynamic control θ(t) and learned μ fits the oscillation',
    experiments: ['van-der-pol'],
  },
  {
    item: 'N-CODE Fig 4',
    what: 'the 1-D reflection φ(x) = −x: a NODE cannot learn it, open- and closed-loop N-CODE can',
    experiments: ['reflection'],
  },
  {
    item: 'N-CODE Fig 5',
    what: 'concentric annuli: decision boundaries and training curves of NODE, open- and closed-loop N-CODE',
    experiments: ['annuli'],
    ifNotReproduced: 'On a finite sample a NODE can reach high accuracy by squeezing points through the gaps (ANODE slides annuli), so the margin between NODE and the controlled models can vanish.',
  },
  {
    item: 'N-CODE Table 1',
    what: 'MNIST and CIFAR-10 test accuracy of ANODE, NODE DC and open-loop N-CODE (ours: MNIST only, CIFAR-10 is not on this machine)',
    experiments: ['classify'],
    ifNotReproduced: 'The paper\'s MNIST margins are about one point (98.2 %, 98.5 %, 99.2 %), within the spread of classify\'s short runs (2 epochs on 4,500 digits); CIFAR-10, where the gaps are large, is not on this machine.',
  },
  {
    item: 'N-CODE Fig 6',
    what: 'few-shot pattern memorization (§4.3): Hebbian closed-loop N-CODE vs LSTM, ODE-RNN and data-controlled NODE, error against episodes',
    experiments: ['memorization'],
  },
  {
    item: 'N-CODE Table 2',
    what: 'FID of VAE, AE and AutoN-CODE samples by GMM size (paper: CIFAR-10 and CelebA-64 with Inception FID; ours: MNIST with a domain FID)',
    experiments: ['autoencode'],
    ifNotReproduced: 'The paper\'s numbers are Inception FIDs on CIFAR-10 and CelebA-64; ours are a domain FID on MNIST (true FID needs Inception weights, CIFAR-10 and CelebA are not on this machine), where the models\' samples are far closer.',
  },
  {
    item: 'N-CODE Fig 7',
    what: 'AutoN-CODE reconstructions along the controlled latent orbits, CIFAR-10 and CelebA',
    experiments: [],
    notAttempted: 'needs CIFAR-10 and CelebA, not on this machine (autoencode draws the MNIST orbits of Fig A.4)',
  },
  {
    item: 'N-CODE Fig 8',
    what: 'CelebA reconstructions and random samples of the autoencoding models',
    experiments: [],
    notAttempted: 'needs CelebA, not on this machine (autoencode draws MNIST reconstructions and samples, pictures with no claim)',
  },
  // N-CODE, appendix
  {
    item: 'N-CODE Fig A.1',
    what: 'time-varying flows of an inner and an outer point of the annuli',
    experiments: [],
    notAttempted: 'a picture of flows, nothing measured to check (annuli draws its own flows)',
  },
  {
    item: 'N-CODE Fig A.2',
    what: 'accuracy, train and test loss over iterations and NFE against loss of N-CODE variants on CIFAR-10',
    experiments: [],
    notAttempted: 'needs CIFAR-10, not on this machine (classify plots MNIST accuracy against NFE, with no claim)',
  },
  {
    item: 'N-CODE Fig A.3',
    what: 'N-CODE error rate against episodes on the 1000-bit task, by degraded proportion and by number of patterns; App C.3: residual error below 1 %',
    experiments: ['memorization'],
  },
  { item: 'N-CODE Table A.1', what: 'AutoN-CODE, AE and VAE architectures per data set', experiments: [], notAttempted: 'a table of architectures, nothing to reproduce (autoencode builds its MNIST column)' },
  {
    item: 'N-CODE Fig A.4',
    what: 'AutoN-CODE reconstructions along the controlled latent orbits, MNIST',
    experiments: [],
    notAttempted: 'a picture, nothing measured to check (autoencode draws the MNIST orbits)',
  },
  { item: 'N-CODE Fig A.5', what: 'AutoN-CODE reconstructions along the controlled latent orbits, CIFAR-10', experiments: [], notAttempted: 'needs CIFAR-10, not on this machine' },
  { item: 'N-CODE Fig A.6', what: 'AutoN-CODE reconstructions along the controlled latent orbits, CelebA', experiments: [], notAttempted: 'needs CelebA, not on this machine' },
  {
    item: 'N-CODE Fig A.7',
    what: 'FID against the number of GMM components (and samples per size); paper on CIFAR-10, ours on MNIST with a domain FID',
    experiments: ['autoencode'],
    ifNotReproduced: 'autoencode fits 10 and 100 components to MNIST latents, against the paper\'s 100 to 10K on CIFAR-10, and its FID is a domain FID, not Inception\'s.',
  },
  {
    item: 'N-CODE Fig A.8',
    what: 'nearest test neighbours of GMM samples with 1000 and 10K components, CIFAR-10 (10K overfits)',
    experiments: [],
    notAttempted: 'needs CIFAR-10, not on this machine; autoencode does no nearest-neighbour search',
  },
  {
    item: 'N-CODE Fig A.9',
    what: 'FID against the kernel variance of a kernel-density latent sampler, and its nearest neighbours',
    experiments: [],
    notAttempted: 'autoencode samples from GMMs and the VAE prior only: no kernel-density sampler',
  },
  {
    item: 'N-CODE Fig A.10',
    what: 'unsupervised clustering accuracy of latent codes (GMM-10) against other models, CIFAR-10 and MNIST (ours: MNIST only)',
    experiments: ['cluster'],
    ifNotReproduced: 'The paper compares with other models\' published numbers, not with an AE of its own at the same size; ours are one seed of each on the 10,000-digit MNIST subset, and CIFAR-10 is not on this machine.',
  },
  {
    item: 'N-CODE Fig A.11',
    what: 't-SNE embedding of the MNIST latent codes at t_1, coloured by a 10-component GMM',
    experiments: [],
    notAttempted: 'a t-SNE picture, nothing measured to check; the bench has no t-SNE (cluster checks the clustering accuracy of Fig A.10)',
  },
  { item: 'N-CODE Fig A.12', what: 'latent interpolations of AutoN-CODE vs a vanilla AE, CelebA', experiments: [], notAttempted: 'needs CelebA, not on this machine' },
  // Dissecting
  {
    item: 'Dissecting Fig 1',
    what: 'a Galërkin NODE trained with an integral loss tracks a periodic signal; trajectories from other starts converge to it',
    experiments: ['tracking'],
    ifNotReproduced: 'The RMS over [0, 1] includes the transient from training starts spread around β(0), which the figure (one start on the orbit) does not have; past s = 1 the trajectories have converged and track the signal (the extrapolation checks hold), so the fit is a limit cycle reached late rather than a failure to learn it.',
  },
  {
    item: 'Dissecting Fig 2',
    what: 'Galërkin and stacked depth-varying NODEs: depth flows (above) and θ(s) over depth (below)',
    experiments: ['depth-variance'],
  },
  {
    item: 'Dissecting Table 1',
    what: 'MNIST and CIFAR test accuracy and NFE of NODE, ANODE, IL-NODE and 2nd-order (ours: MNIST only, CIFAR-10 is not on this machine)',
    experiments: ['classify', 'annuli'],
    ifNotReproduced: 'The paper reports means of 10 runs at convergence; classify trains 2 epochs on 4,500 MNIST digits, short of convergence, where the NFE the table reports is measured; CIFAR-10 is not on this machine.',
  },
  {
    item: 'Dissecting Fig 3',
    what: 'a data-controlled NODE (Eq 9–10) learns the reflection φ(x) = −x with a family of vector fields',
    experiments: ['reflection'],
  },
  {
    item: 'Dissecting Fig 4',
    what: 'a data-controlled CNF morphs two priors into two posteriors (crossing trajectories)',
    experiments: [],
    notAttempted: 'no CNF experiment in the bench: the task\'s data exists (@tfode/datasets conditionalCnfTask), a conditional CNF trainer does not',
  },
  {
    item: 'Dissecting Fig 5',
    what: 'an adaptive-depth NODE learns the reflection by giving inputs different integration times',
    experiments: ['reflection'],
    ifNotReproduced: 'Likely the seed: the learned depths g_ω(x) must split the inputs apart from one start, and a run that keeps them together stays at the floor of an increasing map.',
  },
  {
    item: 'Dissecting Fig 6',
    what: 'annuli solved without augmentation behind a 2-layer input network, whose output is already linearly separable ("mind your input networks")',
    experiments: ['input-networks', 'classify'],
  },
  {
    item: 'Dissecting Fig 7',
    what: 'depth flows and decision boundaries of non-augmented variants (depth-invariant, [x, s], Galërkin, data-controlled) on the annuli',
    experiments: ['annuli', 'depth-variance'],
  },
  // NANODE
  { item: 'NANODE Fig 1', what: 'overview of a CIFAR-100 architecture with a NANODE block', experiments: [], notAttempted: diagram },
  {
    item: 'NANODE Fig 2',
    what: 'four order-4 Chebyshev polynomials with LeCun-normal coefficients grow or shrink fast over t',
    experiments: [],
    notAttempted: 'a picture of random polynomials, nothing measured to check (nanode-stability tests their consequence, Fig 3)',
  },
  {
    item: 'NANODE §2.5',
    what: 'orthogonal W(t) by Householder reflections (Lemma 1)',
    experiments: ['nanode-stability'],
  },
  {
    item: 'NANODE Fig 3',
    what: 'learning curves of Chebyshev-4 NANODEs: unconstrained weights collapse, the orthogonal re-parametrisation stays stable',
    experiments: ['nanode-stability'],
    ifNotReproduced: "The unconstrained W(t) did grow (max ‖W(t)‖₂ above 8 against the orthogonal 1) but the small annuli task was fitted before that hurt; the paper's collapse comes from long CIFAR training of a wide block, which this bench does not run.",
  },
  {
    item: 'NANODE Fig 4',
    what: 'training fit improves with the trigonometric basis order (paper: CIFAR-10; ours: a depth-varying signal, CIFAR-10 is not on this machine)',
    experiments: ['nanode-order'],
  },
  {
    item: 'NANODE Fig 5',
    what: 'test performance against basis order: T-NANODE beats B-NANODE below the discretisation (paper: CIFAR-10; ours: a depth-varying signal)',
    experiments: ['nanode-order'],
  },
  {
    item: 'NANODE Table 1',
    what: 'CIFAR-10 and CIFAR-100 accuracy and activation memory of ResNets, an autonomous NODE and NANODEs (ours: the memory column, and T vs B on a signal)',
    experiments: ['nanode-memory', 'nanode-order'],
    ifNotReproduced: 'The accuracy columns need CIFAR-10 and CIFAR-100, not on this machine; the memory we measure is TensorFlow.js\'s peak bytes of one gradient, not a GPU\'s activation memory.',
  },
  {
    item: 'NANODE Fig 6',
    what: 'loss convergence of an autonomous NODE, SVG and a NANODE on stochastic video prediction (Moving MNIST)',
    experiments: [],
    notAttempted: 'needs a stochastic video-prediction model (SVG) the bench does not have',
  },
  {
    item: 'NANODE Table 2',
    what: 'ELBO and memory of video-prediction models on Moving MNIST and BAIR Robot Pushing',
    experiments: [],
    notAttempted: 'needs BAIR, not on this machine, and a video-prediction model the bench does not have',
  },
  // The ANODE slides
  {
    item: 'ANODE slides g_1d',
    what: 'g_1d(−1) = 1, g_1d(1) = −1: no ODE flow represents it (Proposition 1), a ResNet can',
    experiments: ['g1d', 'reflection'],
  },
  {
    item: 'ANODE slides annuli',
    what: 'the concentric annuli r1 < r2 < r3: a NODE\'s feature map is a homeomorphism and cannot separate them; on samples it squeezes through, with ill-posed flows',
    experiments: ['annuli'],
    ifNotReproduced: 'The slides themselves note that on sampled points the flow can squeeze through the gaps and fit the data; the impossibility holds for the continuous regions.',
  },
  {
    item: 'ANODE slides NFE growth',
    what: '"Computational cost and NFE": a NODE\'s NFE grows as training breaks the annulus apart; ANODE\'s hardly grows, with simpler flows',
    experiments: ['annuli'],
    ifNotReproduced: 'Our annuli training is short and the fields small: the adaptive solver takes about the same number of steps for every model, so NFE barely tells the flows apart.',
  },
  {
    item: 'ANODE slides augmentation',
    what: 'zero augmentation R^d → R^(d+p): ANODEs fit the functions NODEs cannot (g_1d, annuli)',
    experiments: ['annuli', 'g1d'],
  },
  {
    item: 'ANODE slides generalization',
    what: 'how NODE and ANODE map the whole input plane at zero training loss, and validation loss on held-out slices: ANODEs generalize better',
    experiments: [],
    notAttempted: 'not implemented: no experiment holds out slices of the input plane (annuli\'s decision-boundary picture shows the map, unchecked)',
  },
  {
    item: 'ANODE slides images',
    what: 'MNIST and CIFAR-10 with p = 10 zero channels: ANODEs train faster, with fewer NFE and higher accuracy (ours: MNIST only)',
    experiments: ['classify'],
    ifNotReproduced: 'classify trains 2 epochs on 4,500 MNIST digits at about 20 K parameters; the slides\' gaps show over long training, and CIFAR-10 is not on this machine.',
  },
  {
    item: 'ANODE slides ImageNet',
    what: 'NODE and ANODE on 200 classes of 64 × 64 ImageNet: ANODEs scale better and train about 10× faster',
    experiments: [],
    notAttempted: 'needs ImageNet, not on this machine',
  },
];
