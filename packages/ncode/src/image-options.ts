/** Image data [B, H, W, C] (C = the constructor's `dims`): the field is the conv block of N-CODE App C.2. */
export interface ImageOptions {
  /** k: filters of the conv block's hidden layers. */
  filters: number;
  height: number;
  width: number;
}

/** Image data whose state carries `augment` zero channels beside the image's (ANODE-style, Dissecting §4). */
export interface AugmentedImageOptions extends ImageOptions {
  /** Zero channels appended to x; default 0. */
  augment?: number;
}
