import type { CardsImageEntries } from '../en/cards-image.js';
import type { Translation } from '../text.js';

export const cardsImage = (): Translation<CardsImageEntries> => ({
  logo: 'logo 图片：正方形，至少 500×500 px，最大 1 MB',
  background: '卡片背景图：至少 1020×643 px，最大 2 MB',
  cardPhoto: '卡面照片（front_image_id）：至少 230×295 px，最大 1 MB',
  size: (p) => `${p.megabytes} MB（${p.bytes} 字节）`,
  empty: '文件是空的',
  tooLarge: (p) => `大小为 ${p.size}：图片最大 5 MB（5242880 字节）`,
  damagedImage: (p) => `开头是 ${p.format} 图片，但文件头不完整或已损坏，无法读取像素尺寸（请重新保存或下载）`,
  incompleteImage: (p) => `开头是 ${p.format} 图片，但${p.why}（请重新保存或下载）`,
  pngNoEnd: '文件不完整：在 IEND 块之前就结束了',
  pngNoPixels: '没有像素数据（IEND 之前没有 IDAT 块）',
  pngTooLittle: (p) => `像素数据只有 ${p.bytes} 字节，不足以构成 ${p.size}：任何压缩都无法压到这么小`,
  jpegNoEnd: '文件不完整：在结束标记（FF D9）之前就结束了',
  jpegNoPixels: '没有像素数据（结束标记之前没有扫描段 SOS）',
  jpegNoFrame: '像素数据之前没有帧头（SOF）',
  jpegBroken: (p) => `段结构已损坏：第 ${p.offset} 字节处应有标记却没有`,
  gifNoEnd: '文件不完整：在结尾字节（3B）之前就结束了',
  gifNoImage: '其中没有图像（结尾之前没有图像描述符）',
  gifBroken: (p) => `块结构已损坏：第 ${p.offset} 字节处不是任何块的开头`,
  bmpShort: (p) => `文件不完整：只有 ${p.bytes} 字节，而文件头写的是 ${p.expected} 字节`,
  blankParam: '是空白（只有空格）：空白的值不计入待签名字符串，等于没有填写',
  notImage: (p) => `不是 PNG、JPEG、GIF 或 BMP 图片（开头的字节为 ${p.start}）：会员卡图片只能是这几种格式`,
  tooLargeFor: (p) => `大小为 ${p.size}，过大（${p.purpose}）`,
  tooSmallFor: (p) => `尺寸为 ${p.size}，过小（${p.purpose}）`,
  notSquare: (p) => `尺寸为 ${p.size}，不是正方形（${p.purpose}）`,
});
